"""Excel and CSV in and out (no Qt): import of sales workbooks, export of auditable workbooks."""
