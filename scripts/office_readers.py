"""Files gongkai writes open in independent readers (python-docx, openpyxl), with the right content.

Usage: python office_readers.py REPORT.txt EXPECTED.json OUT_DIR GONGKAI...
Run by scripts/test; GONGKAI is the command that runs the gongkai binary.
"""
import json
import subprocess
import sys

import docx
import openpyxl

source, expected_path, out, gongkai = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
expected = json.load(open(expected_path))["report"]
new = expected["applications"]["rows"]["new"]
failures = []


def expect(ok, message):
    if not ok:
        failures.append(message)


def convert(to):
    path = f"{out}/report.{to}"
    subprocess.run([*gongkai, "report", "convert", source, "--to", to, "-o", path], check=True)
    return path


def new_applications_row(rows):
    """The cells after the label of 表三's 一、本年新收 row."""
    for row in rows:
        cells = [c for c in row if c not in (None, "")]
        if cells and str(cells[0]).startswith("一、本年新收"):
            return [c for c in cells[1:] if c != cells[0]]  # a merged label repeats in docx
    return None


document = docx.Document(convert("docx"))
# A long title is broken into two lines (GB/T 9704) with a line break inside its paragraph.
title = document.paragraphs[0].text.replace("\n", "")
expect(title == expected["title"], f"DOCX title: {document.paragraphs[0].text!r}")
rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
found = new_applications_row(rows)
expect(found == [str(n) for n in new], f"DOCX 表三 new applications: {found!r}, expected {new!r}")
header = next((r for r in rows if "商业企业" in r), [])
wanted = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
expect(header[3:] == wanted, f"DOCX 表三 header is not the official merged layout: {header!r}")

workbook = openpyxl.load_workbook(convert("xlsx"))
sheets = ["报告", "表二", "表三", "表四", "检查结果"]
expect(workbook.sheetnames == sheets, f"XLSX sheets: {workbook.sheetnames!r}, expected {sheets!r}")
regulations = [row[1:4] for row in workbook["表二"].iter_rows(values_only=True) if row[0] == "规章"]
wanted = tuple(expected["proactive"]["regulations"].values())
expect(regulations == [wanted], f"XLSX 表二 规章: {regulations!r}, expected {wanted!r}")
found = new_applications_row(workbook["表三"].iter_rows(values_only=True))
expect(found == new, f"XLSX 表三 new applications: {found!r}, expected {new!r}")

summary = f"{out}/summary.xlsx"
result = subprocess.run([*gongkai, "report", "check", source, "--summary", summary], stdout=subprocess.DEVNULL)
expect(result.returncode in (0, 1), f"report check --summary exited with {result.returncode}")
sheet = openpyxl.load_workbook(summary).worksheets[0]
expect(sheet.max_row == 2, f"summary rows: {sheet.max_row}, expected a header and one report")

for failure in failures:
    print(failure)
print(f"DOCX, XLSX and the summary workbook opened in python-docx and openpyxl: {len(failures)} problems")
sys.exit(1 if failures else 0)
