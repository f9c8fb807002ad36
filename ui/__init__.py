"""The Qt window of 工会帮扶工作台: pages, dialogs, table models and background tasks."""
