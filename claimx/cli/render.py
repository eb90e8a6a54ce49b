"""rich on stderr and in the table format: the progress bar, the tables, the figure summaries.

(The output formats themselves are in :mod:`claimx.cli.formats`.)
"""

from __future__ import annotations

from claimx.cli.terminal import printable
from claimx.schema import Article, Money, Quantity


def make_progress():
    """A progress bar on stderr: articles done, articles/s, elapsed time and ETA (when the total is
    known).  Only used when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False, speed_estimate_period=60)


def format_amount(x: float | None) -> str:
    """1.4e12 -> "1.4e12"; 600000000 -> "6e8"; 0.19 -> "0.19"."""
    if x is None:
        return "?"
    if x != 0 and (abs(x) >= 1e6):
        mant, exp = f"{x:.6e}".split("e")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}e{int(exp)}"
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def money_summary(m: Money | Quantity) -> str:
    """"$1.4 trillion -> 1.4e12 USD"-style normalised figure; a percentage or quantity shows its
    unit instead of a currency ("20 percent", "10,000 jobs")."""
    cur = (m.unit or "") if isinstance(m, Quantity) else (m.currency or "?")
    if m.value is not None:
        fig = format_amount(m.value)
    elif m.low is not None or m.high is not None:
        fig = f"{format_amount(m.low)}–{format_amount(m.high)}"
    else:
        fig = "?"
    bits = [f"{fig} {cur}".rstrip()]
    if m.qualifier:
        bits.insert(0, m.qualifier)
    if isinstance(m, Money) and m.per:
        bits.append(f"per {m.per}")
    return " ".join(bits)


def render_tables(article: Article, console) -> None:
    """One rich table per category.  Every string from the article (its text, id, names) reaches
    rich as :class:`rich.text.Text`, never as markup, with its control characters escaped
    (:func:`claimx.cli.terminal.printable`): ``[bold]``, ``[link=...]`` and ESC sequences in an
    article are shown as written."""
    from rich.table import Table
    from rich.text import Text

    def safe(value: object) -> Text:
        return Text(printable(value) if value is not None else "")

    console.rule(Text.assemble((printable(article.id, one_line=True), "bold"),
                               f"  date: {article.date or 'unknown'} ({article.date_source})"))

    def table(title: str, cols: list[str], rows: list[list[str]]) -> None:
        if not rows:
            return
        t = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False)
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*[safe(x) for x in r])
        console.print(t)

    table("Money", ["text", "normalised", "metric", "chars"],
          [[m.text, "→ " + money_summary(m), m.metric, f"{m.start_char}-{m.end_char}"]
           for m in article.money])
    table("Locations", ["text", "place", "country", "subdivision", "chars"],
          [[loc.text, f"{loc.name or '?'} ({loc.kind or loc.label})", loc.country, loc.subdivision,
            f"{loc.start_char}-{loc.end_char}"] for loc in article.locations])
    table("Entities", ["text", "label", "chars"],
          [[e.text, e.label, f"{e.start_char}-{e.end_char}"] for e in article.entities
           if e.label not in ("DATE", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "TIME")])
    table("Dates", ["text", "TIMEX3", "chars"],
          [[d.text, d.value or "unresolved", f"{d.start_char}-{d.end_char}"] for d in article.dates])
    table("Projections", ["speaker", "subject", "value", "horizon", "hedge", "statement"],
          [[p.speaker.text if p.speaker else None,
            (p.subject_resolved or p.subject.text) if p.subject else None,
            (f"{p.value.text} → {money_summary(p.value)}" if p.value else None),
            (f"{p.horizon.text} → {p.horizon.value or 'unresolved'}" if p.horizon else None),
            p.hedge + (" (negated)" if p.negated else ""), p.text] for p in article.projections])
    table("Quotes & attributions", ["speaker", "kind", "content"],
          [[(q.speaker.text + (f" ({q.speaker.title})" if q.speaker.title else "")) if q.speaker else None,
            q.kind, q.text] for q in article.quotes])
