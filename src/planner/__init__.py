"""Planner: a spreadsheet-style desktop planner for sales teams."""

import pandas as _pd

__version__ = "0.1.0"

# Snapshots share frames with the live book and with each other (core/tables.py): only pandas'
# copy-on-write keeps a change to one from showing through another. pandas 3 always has it.
if int(_pd.__version__.split(".")[0]) < 3:
    _pd.options.mode.copy_on_write = True
