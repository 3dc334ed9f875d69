#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes docs/accuracy.md: Pantul's agreement with Sisimai's labels on
the shared corpus, per engine, for whole messages and for what webmail
shows of them, next to Perl Sisimai's own agreement.

Usage: python3 scripts/accuracy.py [--corpus DIR] [--out docs/accuracy.md]

It builds the release CLI, decodes the corpus three times (`pantul
--jsonl`, `pantul --jsonl --as-fragment` and `pantul --jsonl --as-text`),
runs Perl Sisimai through
shared/tools/sisimai-p5-run (installing Debian's libsisimai-perl with
apt-get when it is missing and the script may), and scores all three
with shared/tools/score.py.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def find_shared():
    """The shared folder beside the project: the first ancestor that has
    shared/corpus/sisimai."""
    d = ROOT
    while True:
        cand = os.path.join(d, "shared")
        if os.path.isfile(os.path.join(cand, "corpus", "sisimai", "labels.tsv")):
            return cand
        up = os.path.dirname(d)
        if up == d:
            return None
        d = up


def run(cmd, out_path=None, check=True, **kw):
    print("+ " + " ".join(cmd), file=sys.stderr)
    if out_path is None:
        subprocess.run(cmd, check=check, **kw)
        return
    with open(out_path, "w", encoding="utf-8") as fh:
        subprocess.run(cmd, check=check, stdout=fh, **kw)


def have_sisimai():
    return subprocess.run(["perl", "-MSisimai", "-e", "1"],
                          stderr=subprocess.DEVNULL).returncode == 0


def ensure_sisimai():
    """Installs libsisimai-perl from Debian when it is missing; returns
    True if and only if Perl Sisimai can run."""
    if have_sisimai():
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "libsisimai-perl"],
                       env=env, stdout=subprocess.DEVNULL)
    return have_sisimai()


def sisimai_version():
    out = subprocess.run(["perl", "-MSisimai", "-e", "print $Sisimai::VERSION"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "?"


def score(score_py, labels, results, tmp, name):
    out = os.path.join(tmp, name + ".score.json")
    misses = os.path.join(tmp, name + ".misses.tsv")
    subprocess.run([sys.executable, score_py, labels, results, "--json", out,
                    "--misses", misses, "--name", name], check=True,
                   stdout=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as fh:
        figures = json.load(fh)
    with open(misses, encoding="utf-8") as fh:
        figures["miss_rows"] = [line.rstrip("\n").split("\t") for line in fh][1:]
    return figures


def pct(fig, field):
    f = fig.get(field)
    return "%.1f %%" % f["pct"] if f else "–"


def commit_id():
    out = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "?"


def render(figs, p5_version, command):
    whole, frag, p5 = figs["whole"], figs["fragment"], figs.get("p5")
    lines = [
        "# Agreement with the field's reference labels",
        "",
        "Pantul's results on the Sisimai corpus (`shared/corpus/sisimai`: "
        "594 real bounces, 633 labelled recipients, labels from go-sisimai "
        "v5), scored by `shared/tools/score.py`. *Whole* decodes each "
        "message; *fragment* decodes what webmail shows of it "
        "(`pantul --as-fragment`: the text parts, the delivery-status part, "
        "the returned message's headers); *text only* decodes the text "
        "parts alone (`pantul --as-text`), as a webmail that hides the "
        "attached parts shows them. Perl Sisimai is Debian's "
        "libsisimai-perl %s, the version people install; its labels differ "
        "from v5's in reasons it lacks." % p5_version,
        "",
        "Written by `%s` at commit `%s` on %s; do not edit by hand."
        % (command, commit_id(), datetime.date.today().isoformat()),
        "",
        "## Overall",
        "",
        "| | reason | status | reply code | hard bounce | no record |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = [("Pantul, whole", whole), ("Pantul, fragment", frag)]
    if figs.get("text"):
        rows.append(("Pantul, text only", figs["text"]))
    if p5:
        rows.append(("Perl Sisimai " + p5_version, p5))
    for name, fig in rows:
        o = fig["overall"]
        lines.append("| %s | %s | %s | %s | %s | %d |" % (
            name, pct(o, "reason"), pct(o, "status"), pct(o, "replycode"),
            pct(o, "hardbounce"), o.get("missing", 0)))
    lines += [
        "",
        "## Per engine",
        "",
        "Reason agreement per engine (the `engine` column of `labels.tsv`), "
        "worst first for Pantul on whole messages; status agreement in "
        "brackets.",
        "",
        "| engine | rows | Pantul whole | Pantul fragment | Perl Sisimai |",
        "|---|---:|---:|---:|---:|",
    ]

    def cell(fig, engine):
        e = fig["engines"].get(engine) if fig else None
        if not e:
            return "–"
        return "%s (%s)" % (pct(e, "reason"), pct(e, "status"))

    engines = sorted(whole["engines"], key=lambda e: (
        whole["engines"][e].get("reason", {}).get("pct", 0), e))
    for e in engines:
        lines.append("| %s | %d | %s | %s | %s |" % (
            e, whole["engines"][e]["rows"], cell(whole, e), cell(frag, e),
            cell(p5, e)))
    for mode, title in (("whole", "whole messages"), ("fragment", "fragments")):
        rows = figs[mode]["miss_rows"]
        lines += [
            "",
            "## Rows that disagree (%s, %d)" % (title, len(rows)),
            "",
            "Reason, status and reply code as labelled, then as Pantul gave them.",
            "",
            "| file [row] | engine | expected | got |",
            "|---|---|---|---|",
        ]
        for r in sorted(rows, key=lambda r: (r[2], r[0], r[1])):
            f, i, engine, er, gr, es, gs, ec, gc = (r + [""] * 9)[:9]
            lines.append("| %s [%s] | %s | %s %s %s | %s %s %s |" % (
                f, i, engine, er, es, ec, gr, gs, gc))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="the corpus folder (default: ../shared/corpus/sisimai)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "accuracy.md"))
    args = ap.parse_args()

    shared = find_shared()
    corpus = args.corpus or (shared and os.path.join(shared, "corpus", "sisimai"))
    if not corpus or not os.path.isdir(corpus):
        sys.exit("accuracy: the Sisimai corpus is missing (use --corpus)")
    tools = os.path.join(shared or os.path.dirname(os.path.dirname(corpus)), "tools")
    score_py = os.path.join(tools, "score.py")
    labels = os.path.join(corpus, "labels.tsv")
    eml = os.path.join(corpus, "eml")

    run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    pantul = os.path.join(ROOT, "target", "release", "pantul")
    figs = {}
    with tempfile.TemporaryDirectory() as tmp:
        modes = (("whole", []), ("fragment", ["--as-fragment"]),
                 ("text", ["--as-text"]))
        for mode, extra in modes:
            out = os.path.join(tmp, mode + ".jsonl")
            # The CLI exits 1 when an input has nothing to read; the
            # others are still written.
            run([pantul, "--jsonl"] + extra + [eml], out, check=False,
                stderr=subprocess.DEVNULL)
            figs[mode] = score(score_py, labels, out, tmp, "pantul-" + mode)
        p5_version = "(not installed)"
        if ensure_sisimai():
            p5_version = sisimai_version()
            out = os.path.join(tmp, "p5.jsonl")
            run([os.path.join(tools, "sisimai-p5-run"), eml], out, check=False,
                stderr=subprocess.DEVNULL)
            figs["p5"] = score(score_py, labels, out, tmp, "sisimai-p5")
        else:
            print("accuracy: Perl Sisimai is not installed; its column stays empty",
                  file=sys.stderr)
    command = "python3 scripts/accuracy.py"
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(render(figs, p5_version, command))
    print("wrote " + os.path.relpath(args.out, ROOT), file=sys.stderr)


if __name__ == "__main__":
    main()
