"""The import wizard (导入向导) for spreadsheets nobody designed; app.wizard.steps.ImportWizard is its entry point."""
