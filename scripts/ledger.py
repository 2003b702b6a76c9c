#!/usr/bin/env python3
"""A department's ledger of N suggestions as CSV (UTF-8 with BOM, CRLF), for measuring `oversight import`.

    python3 scripts/ledger.py N FILE [FIRST]

Rows are numbered 文检行建〔YEAR〕FIRST号 onwards, spread over eight departments and 2023–2025; every third row
is replied, adopted and closed, the rest served; the state column is left empty for the served ones, as many
ledgers leave it. Python 3 standard library only (BENCHMARKS.md, "Importing a ledger").
"""
import datetime
import sys

DEPARTMENTS = [("吕梁市生态环境局文水分局", "ecology"), ("文水县自然资源局", "land"), ("文水县市场监督管理局", "food-drug"),
               ("文水县卫生健康局", "labour"), ("文水县交通运输局", "transport"), ("文水县住房和城乡建设局", "construction"),
               ("文水县文化和旅游局", "culture-tourism"), ("文水县财政局", "state-assets")]
HEADER = "文号,类型,标题,领域,发起单位,接收单位,创建日期,送达日期,回复日期,办结日期,结果,状态,摘要"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    base = datetime.date(2023, 1, 2)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + HEADER + "\r\n")
        for i in range(first, first + n):
            to, domain = DEPARTMENTS[i % len(DEPARTMENTS)]
            created = base + datetime.timedelta(days=(i * 7) % 900)
            served = created + datetime.timedelta(days=2)
            row = [f"文检行建〔{created.year}〕{i}号", "suggestion", f"关于第{i}件问题的检察建议", domain, "文水县人民检察院", to,
                   created.isoformat(), served.isoformat()]
            if i % 3 == 0:
                replied = served + datetime.timedelta(days=30)
                closed = replied + datetime.timedelta(days=3)
                row += [replied.isoformat(), closed.isoformat(), "adopted", "closed"]
            else:
                row += ["", "", "", ""]
            f.write(",".join(row + [f"台账第{i}行"]) + "\r\n")


if __name__ == "__main__":
    main()
