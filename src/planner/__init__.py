"""Planner: a spreadsheet-style desktop planner for sales teams."""

__version__ = "0.1.0"
