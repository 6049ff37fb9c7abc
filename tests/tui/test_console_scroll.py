#!/usr/bin/env python3
"""Scrolling as the terminal shows it.  Each pane is moved down past its
bottom edge and back up under TERM=xterm-256color, screen, tmux-256color,
linux and vt100 (ncurses scrolls with a scroll region or insert/delete line
where it can, and rewrites the changed cells where it cannot), and after
every move the screen, read with capture-pane, is compared cell for cell
with the rows computed here: the history's from `topc history list --json`,
the form's from the form file, the answer's from json.dumps of what the
loopback server sent.  A scroll that leaves a stale line, a line shifted
or a cell of the old row behind fails.

usage: test_console_scroll.py TOPC [-k NAME]"""
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Suite, expect  # noqa: E402
import console  # noqa: E402

suite = Suite()
SECRET = suite.secret("scroll-secret-\u5bc6-4411")
APP_KEY = "23000031"
suite.env["TOPC_S_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
suite.env["LANG"] = suite.env["LC_ALL"] = "C.UTF-8"
suite.env.pop("NO_COLOR", None)
tmux = console.Tmux("topc-scroll-%d" % os.getpid())
TERMS = ("xterm-256color", "screen", "tmux-256color", "linux", "vt100")
DATADIR = os.environ.get("TOPC_DATADIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TBK = "taobao.tbk.marketing.msg.send"
# 80x24: the left panes 24 cells wide, the border, the right ones 55
LEFT, RIGHT = 24, 55
# an answer longer than the response pane, Chinese in it (two cells a character)
ANSWER = {"scroll_test_response": dict(
    [("line_%02d" % i, "值%d-成功" % i if i % 3 == 0 else i * 7) for i in range(1, 31)] +
    [("nested", {"a": "x" * 20, "b": True, "c": "中文中文"}), ("request_id", "scroll0001")])}


# a text answer with tabs (drawn as two cells, as topc indents): short rows,
# rows wrapped over two and three lines, a search term after tabs, Chinese
TABBED = "\n".join(
    ["row%02d\tkey\t%s" % (i, "\u503c" * (i % 4)) for i in range(1, 13)] +
    ["\t".join("cell%02d" % k for k in range(16)),
     "\t\t\tneedle after three tabs",
     "\u4e2d\t\u6587\t" + "\t".join("t%d" % k for k in range(30)),
     "the last\tline"]) + "\n"


def Console(term):
    return console.Console(suite, tmux, ("TOPC_S_SECRET",), profile="scroll", term=term)


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cut(text, cells):
    """The first `cells` cells of text."""
    out, used = "", 0
    for ch in text:
        if used + width(ch) > cells:
            break
        out += ch
        used += width(ch)
    return out


def cut_marked(text, cells):
    """text as a pane shows it in `cells` cells: whole, or cut one cell
    sooner and ended with a ~ (the cut's mark)."""
    if sum(width(ch) for ch in text) <= cells:
        return text
    return cut(text, cells - 1) + "~"


def halves(line):
    """A screen line as (the left pane's cells, the border, the right pane's)."""
    left, used, i = "", 0, 0
    while i < len(line) and used < LEFT:
        left += line[i]
        used += width(line[i])
        i += 1
    return left.rstrip(), line[i:i + 1], line[i + 1:].rstrip()


def window_of(expected, shown, at):
    """Where shown (the pane's rows) sits in expected: the index of its first
    row, which must hold the selection `at` in view; None when shown is not
    a run of expected rows."""
    for top in range(0, max(1, len(expected) - len(shown) + 1)):
        if expected[top:top + len(shown)] == shown and top <= at < top + len(shown):
            return top
    return None


gw = None


@suite.test
def start():
    global gw
    gw = suite.gateway_for("scroll", app_key=APP_KEY, secret_env="TOPC_S_SECRET")
    suite.answering("scrollans", json.dumps(ANSWER, ensure_ascii=False), app_key=APP_KEY,
                    secret_env="TOPC_S_SECRET")
    # a history longer than its pane: successes and API errors (drawn in another colour)
    for i in range(26):
        if i % 5 == 4:
            r = suite.run("send", "-p", "scroll", "taobao.x.y", "-S", "app_key=999")
        else:
            r = suite.run("send", "-p", "scroll", "taobao.jym.message.apppush.send", "-s",
                          "user_id=%d" % (i + 1), "-s", "message_id=m%d" % i, "-s",
                          "template_id=1", "-s", "push_content_dto.title=t")
        expect(r.code in (0, 1), "entry %d" % i, r)
    r = suite.run("send", "-p", "scrollans", "taobao.scroll.test", "-S", "a=1")
    expect(r.code == 0, "the long answer's entry", r)
    suite.answering("scrolltab", TABBED.encode(),
                    answer={"content_type": "text/plain; charset=utf-8"}, app_key=APP_KEY,
                    secret_env="TOPC_S_SECRET")


MARKS = {"same": " =", "changed": " ~", "newly failing": " !", "newly passing": " +"}


def history_rows():
    """The history pane's rows as its format says: id, replay mark, the time
    of day (GMT+8), ok or the outcome, the method without taobao., the code."""
    r = suite.run("history", "list", "--json", "--limit", "500")
    rows = []
    for line in r.out.splitlines():
        e = json.loads(line)
        method = e["method"][7:] if e["method"].startswith("taobao.") else e["method"]
        code = " %d %s" % (e["code"], e.get("sub_code") or "") if "code" in e else ""
        text = "%d%s %s %s %s%s" % (e["id"], MARKS.get(e.get("compare"), ""), e["time"][11:],
                                    "ok" if e["outcome"] == "success" else e["outcome"],
                                    method, code)
        rows.append(cut_marked(text, LEFT).rstrip())  # a row cut at the edge ends in ~
    return rows


def moves(c, key, down, check):
    """`down` moves with key, then as many back with the opposite key;
    check(screen, step) after each."""
    back = {"Down": "Up", "j": "k"}[key]
    for step, k in enumerate([key] * down + [back] * down):
        c.keys(k)
        check(c.settled(quiet=0.1), step)


def scrolls(c, key, down, check, what):
    """moves, where check returns the index of the pane's first row: the
    pane must have shown more than three different first rows."""
    seen = set()
    moves(c, key, down, lambda s, step: seen.add(check(s, step)))
    expect(len(seen) > 3, what, sorted(seen))


def window_shown(s, expected, shown, at, rows, what, result):
    """The pane's rows (shown, its empty rows at the end dropped) must be
    `rows` rows of expected in order, or all of them from there to the end,
    with row `at` in view; the index of the first."""
    while shown and not shown[-1]:
        shown.pop()
    top = window_of(expected, shown, at)
    expect(top is not None and len(shown) == min(rows, len(expected) - top), what, [result])
    return top


def check_history(term):
    expected = history_rows()
    with Console(term) as c:
        c.focus("history")
        c.keys("g")

        def check(s, step):
            lines = s.splitlines()
            title = halves(lines[12])[0]
            m = re.search(r"history\s+(\d+)/(\d+)", title)
            expect(m, "%s step %d: the history's title with its counter" % (term, step), s)
            expect(halves(lines[13])[2].strip() == "response",
                   "%s step %d: no answer yet, the response's title counts no lines" % (term, step),
                   s)
            return window_shown(s, expected, [halves(line)[0] for line in lines[13:23]],
                                int(m.group(1)) - 1, 10,
                                "%s step %d: the history rows are the entries %s.. in order, "
                                "none missing" % (term, step, m.group(1)), (s, expected[:30]))

        scrolls(c, "Down", 13, check, "%s: the history pane scrolled" % term)
        # a failed entry's row: red where there are colours (not bold as
        # well: bold costs two attribute resets a move), bold where not
        out = c.tmux("capture-pane", "-p", "-e", "-t", "c", check=False).stdout.splitlines()
        rows = [cells_of(line)[:LEFT] for line in out[13:23]]
        failed = [r for r in rows if "api_error" in text_of(r) and "*" not in text_of(r)]
        attrs = set(a for r in failed for _, a in r[:5])
        want = {(("fg", 31),)} if term != "vt100" else {((1, True),)}
        expect(failed and attrs == want, "%s: a failed entry's row %s" % (
            term, "red, not bold" if term != "vt100" else "bold"), [attrs, out])


def form_rows():
    """The form pane's rows for TBK from its form file: each field at two
    cells a level, - before a group (all open), * when required, its type
    at cell 24; an array's add row after it."""
    with open(os.path.join(DATADIR, "forms", TBK + ".conf"), encoding="utf-8") as f:
        text = f.read()
    text = text[text.index("request = ("):text.index("response = (")]
    rows, depth = [], 0
    for line in text.splitlines():
        m = re.search(r'name = "(\w+)"; type = "([^"]+)"; required = (true|false)', line)
        if m:
            name, typ, req = m.groups()
            group = typ[0].isupper() and not typ.endswith("[]") and typ not in (
                "String", "Number", "Boolean", "Date", "Json")
            head = " " * (2 * depth) + ("-" if group else " ") + ("*" if req == "true" else " ") + name
            rows.append((head + " " * max(1, 24 - len(head)) + typ).rstrip()
                        if len(head) < 24 and len(typ) < 16 else head)
            if typ.endswith("[]"):
                rows.append(" " * (2 * (depth + 1) + 1) + "+ add an element (Enter, a)")
        if "fields = (" in line:
            depth += 1
        elif re.match(r"^\s*\);\s*\},?\s*$", line):
            depth -= 1
    return rows


def check_form(term):
    expected = form_rows()
    with Console(term) as c:
        c.api(TBK)
        c.focus("form")
        c.keys("Home")

        def check(s, step):
            lines = s.splitlines()
            shown = []
            for line in lines[2:9]:
                row = halves(line)[2]
                # the name and type columns; past them a default or (required)
                shown.append(row[:40].rstrip() if not row.lstrip().startswith("+ add") else row)
                rest = row[40:].strip()
                # (a default: "0 (sent)" when required, "(server: 1)" when not)
                expect(rest == "" or re.fullmatch(
                    r"\S+( \((required|sent)\))?|\(required\)|\(server: \S+\)", rest),
                       "%s step %d: nothing but a value after the type: %r" % (term, step, rest), s)
            while shown and not shown[-1]:
                shown.pop()
            help_line = halves(lines[10])[2]
            path = help_line.split("  ")[0]
            name = path.split(".")[-1]
            at = [i for i, r in enumerate(expected) if re.search(r"[ *-]%s\b" % name, r[:24])]
            tops = [window_of(expected, shown, i) for i in at]
            tops = [t for t in tops if t is not None and len(shown) == min(7, len(expected) - t)]
            expect(tops, "%s step %d: the form rows are the form's fields in order, %s in view"
                   % (term, step, path), (s, expected))
            return tops[0]

        scrolls(c, "Down", 10, check, "%s: the form pane scrolled" % term)


def check_response(term):
    expected = [cut_marked(line, RIGHT).rstrip()
                for line in json.dumps(ANSWER, indent=2, ensure_ascii=False).splitlines()]
    with Console(term) as c:
        c.focus("history")
        c.keys("g", "Enter")  # the newest entry: the long answer
        c.wait("scroll_test_response")
        c.focus("response")

        def check(s, step):
            lines = s.splitlines()
            title = halves(lines[13])[2]
            m = re.search(r"response\s+line (\d+) of (\d+)", title)
            expect(m and int(m.group(2)) == len(expected),
                   "%s step %d: line X of %d" % (term, step, len(expected)), s)
            # the answer's title takes a second row when one does not hold it
            top = 15 if halves(lines[15])[2].rstrip() in expected else 16
            return window_shown(s, expected, [halves(line)[2] for line in lines[top:23]],
                                int(m.group(1)) - 1, 23 - top,
                                "%s step %d: the answer's lines from line %s, in order, none "
                                "missing" % (term, step, m.group(1)), (s, expected))

        scrolls(c, "j", 11, check, "%s: the response pane scrolled" % term)


def check_apis(term):
    r = suite.run("forms", "list", "--json")
    forms = json.loads(r.out)
    with Console(term) as c:
        c.focus("APIs")

        def check(s, step):
            lines = s.splitlines()
            shown = [halves(line)[0] for line in lines[2:2 + len(forms)]]
            for f, row in zip(forms, shown):
                name = f["method"]
                want = name if len(name) <= LEFT - 1 else "~" + name[len(name) - (LEFT - 2):]
                expect(row[1:].startswith(cut(want, LEFT - 1)),
                       "%s step %d: %s on its row" % (term, step, name), s)

        moves(c, "Down", len(forms) + 1, check)


def cells_of(line):
    """A screen line of capture-pane -e as (char, attributes) per cell, the
    attributes a sorted tuple of the SGR state (bold, underline, reverse,
    colours); a wide character's second cell is ("", attributes)."""
    out, state, i = [], {}, 0
    while i < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
        if m:
            ps = [int(p) if p else 0 for p in m.group(1).split(";")]
            k = 0
            while k < len(ps):
                p = ps[k]
                if p == 0:
                    state = {}
                elif p in (1, 2, 4, 5, 7):
                    state[p] = True
                elif p in (22, 24, 25, 27):
                    for off in ((1, 2) if p == 22 else (p - 20,)):
                        state.pop(off, None)
                elif p in (38, 48):
                    state["fg" if p == 38 else "bg"] = tuple(ps[k + 1:k + 3])
                    k += 2
                elif 30 <= p <= 37 or 90 <= p <= 97:
                    state["fg"] = p
                elif 40 <= p <= 47 or 100 <= p <= 107:
                    state["bg"] = p
                elif p == 39:
                    state.pop("fg", None)
                elif p == 49:
                    state.pop("bg", None)
                k += 1
            i += m.end()
            continue
        if line[i] == "\x1b":  # another sequence (charset): skipped whole
            m = re.match(r"\x1b(\[[0-9;?]*[A-Za-z]|\(.|.)", line[i:])
            i += m.end() if m else 1
            continue
        if line[i] < " ":  # SO, SI: the line-drawing charset in and out
            i += 1
            continue
        attrs = tuple(sorted(state.items(), key=str))
        out.append((line[i], attrs))
        if width(line[i]) == 2:
            out.append(("", attrs))
        i += 1
    return out


def pane_cells(c, first, last):
    """The response pane's cells (after the border) on screen lines
    first..last-1, with their reverse video."""
    out = c.tmux("capture-pane", "-p", "-e", "-t", "c", check=False).stdout.splitlines()
    return [cells_of(line)[LEFT + 1:LEFT + 1 + RIGHT] for line in out[first:last]]


def text_of(cells):
    return "".join(ch for ch, _ in cells).rstrip()


def wrapped(lines, cells):
    """The answer's lines as the pane wraps them: tabs two cells, cut at
    `cells` cells, each part a screen row."""
    rows = []
    for line in lines:
        line = line.replace("\t", "  ")
        while True:
            part = cut(line, cells)
            rows.append(part.rstrip())
            line = line[len(part):]
            if not line:
                break
    return rows


def check_tabs(term):
    """A text answer with tabs: each tab two cells on screen, the wrapped
    rows cut at the pane's edge, G showing the last screenful whole, and a
    match after tabs highlighted on its own cells."""
    lines = TABBED.rstrip("\n").split("\n")
    with console.Console(suite, tmux, ("TOPC_S_SECRET",), profile="scrolltab", term=term) as c:
        c.api("taobao.jym.message.apppush.send")
        for path, value in (("user_id", "1"), ("message_id", "m"), ("template_id", "1"),
                            ("push_content_dto.title", "t")):
            c.fill(path, value)
        c.keys("F5")
        c.wait("row01")
        c.focus("response")
        s = c.settled()
        at = [i for i, line in enumerate(s.splitlines()) if halves(line)[2].startswith("row01")]
        expect(at, "%s: the answer's first line" % term, s)
        first = at[0]
        rows = 23 - first
        shown = [text_of(r) for r in pane_cells(c, first, 23)]
        expect(shown == [cut_marked(line.replace("\t", "  "), RIGHT).rstrip()
                         for line in lines[:rows]],
               "%s: tabs two cells, lines cut at the edge" % term, [shown, lines])
        c.keys("w")
        c.wait("[wrap]")
        c.keys("G")
        c.settled()
        want = wrapped(lines, RIGHT)
        shown = [text_of(r) for r in pane_cells(c, first, 23)]
        expect(shown == want[len(want) - rows:],
               "%s: G with wrapping shows the last %d screen rows whole" % (term, rows),
               [shown, want])
        c.keys("g", "/")
        c.type("needle")
        c.keys("Enter")
        c.wait("/needle")
        c.settled()
        cells = pane_cells(c, first, 23)
        hit = [r for r in cells if text_of(r).lstrip().startswith("needle after")]
        expect(hit, "%s: the match's line in view" % term, [text_of(r) for r in cells])
        # the match's six cells in attributes of their own (reverse video
        # with colours, underlined too without: the cursor's line is
        # reversed), the cells beside them not
        row = hit[0]
        at = text_of(row).index("needle")
        marked = set(a for _, a in row[at:at + 6])
        expect(at == 6 and len(marked) == 1 and row[at - 1][1] not in marked and
               row[at + 6][1] not in marked and
               any(k in (4, 7) for k, _ in marked.pop()),
               "%s: the match highlighted on its own cells (after three tabs: cell 6)" % term,
               [text_of(row), row])


def each_term(check):
    def run():
        for term in TERMS:
            check(term)
    run.__name__ = check.__name__
    return run


for fn in (check_history, check_form, check_response, check_apis, check_tabs):
    suite.test(each_term(fn))

if __name__ == "__main__":
    console.main(suite, tmux, [start])
