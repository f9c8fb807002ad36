"""Reports sent upward: the county's workbook for the city union (upward) and the city's merge of them (city_merge)."""
