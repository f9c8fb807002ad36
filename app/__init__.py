"""工会帮扶工作台: the program without a screen (services, registers, Excel, PDF, CLI)."""

__version__ = "0.1.0"
