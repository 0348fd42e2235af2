"""CSV exports a spreadsheet opens as text: a cell a customer wrote cannot become a formula."""

import csv
import io
from collections.abc import Iterable, Sequence

from starlette.responses import StreamingResponse

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A leading apostrophe makes the cell text to the spreadsheet; it shows nothing else."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> StreamingResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return StreamingResponse(
        iter([out.getvalue()]),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
