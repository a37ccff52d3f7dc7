#!/usr/bin/env python3
"""Writes the hostile Markdown regression corpus beside this script.

Shapes from cmark's and cmark-gfm's pathological tests and security advisories (quadratic
inputs fixed after 0.29.0.gfm.6, the version Debian ships), from issue 20, and from fuzzing.
A file named refused-* must be refused with 'markdown-too-complex'; parsed-* must be parsed.
Each is written at about the size that made the shape slow; run again to regenerate.
"""
import itertools
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text):
    with open(os.path.join(HERE, name + ".md"), "w", encoding="utf-8", newline="") as f:
        f.write("# " + name + "\n\n" + text + "\n")


def paragraphs(unit, count, size=100_000):
    block = unit * count + "\n\n"
    return block * max(1, size // len(block))


def colliding_references(count):
    # cmark's reference map hashes collide for these labels (cmark's own test).
    def bad(label):
        h = 0
        for c in label:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % 16 == 0

    labels = itertools.islice((k for k in ("x%d" % i for i in itertools.count()) if bad(k)), count)
    first = next(labels)
    return "".join("[%s]: /url\n\n[%s]\n\n" % (label, first) for label in labels)


# Issue 20: 18 s to check before; a 0.9 MiB version ran past 60 s.
write("refused-image-openers", "![[]()" * 40_000)
# Issue 20 and GHSA-66g8-4hjf-77xh: brackets inside deeply nested block quotes.
write("refused-quotes-then-brackets", ">" * 40_000 + "[" * 100_000)
# GHSA-r572-jvj2-3m8p / cmark-gfm's "pattern ![[]() repeated", one paragraph per 5 KB: parsed.
write("parsed-image-openers-split", paragraphs("![[]()", 800))
# The project's own hostile test: links mixed with emphasis in one paragraph.
write("refused-links-and-emphasis", "[a](b) *c* `d` <e> " * 5_000)
write("parsed-links-and-emphasis-split", paragraphs("[a](b) *c* `d` <e> ", 200))
# cmark-gfm table extension (GHSA-7gc6-9qr5-hc85 and later): rows of very many cells.
write("refused-table-row-of-pipes", "a|b\n-|-\n" + "|" * 100_000)
write("refused-wide-table", "|" + "a|" * 1_000 + "\n|" + "-|" * 1_000 + "\n" + ("|" + "b|" * 1_000 + "\n") * 50)
write("parsed-table-of-many-rows", "| a | b |\n|---|---|\n" + "| x | y z |\n" * 8_000)
write("parsed-tables-cr", "aaa\rbbb\n-\v\n" * 8_000)
# Autolink extension: words of many '@' are rescanned.
write("refused-email-run", "a@" * 50_000)
write("parsed-emails-spaced", "a@b.example " * 10_000)
# cmark's pathological tests.
write("refused-nested-strong-emphasis", "*a **a " * 6_500 + "b" + " a** a*" * 6_500)
write("refused-emphasis-closers", "a_ " * 30_000)
write("refused-emphasis-openers", "_a " * 30_000)
write("refused-link-closers", "a]" * 50_000)
write("refused-link-openers", "[a" * 50_000)
write("refused-mismatched-openers-closers", "*a_ " * 25_000)
write("refused-openers-closers-multiple-of-3", "a**b" + "c* " * 30_000)
write("refused-link-openers-emphasis-closers", "[ a_" * 25_000)
write("refused-bracket-paren-pattern", "[ (](" * 20_000)
write("refused-nested-brackets", "[" * 50_000 + "a" + "]" * 50_000)
write("refused-nested-block-quotes", "> " * 50_000 + "a")
write("parsed-deeply-nested-lists", "".join("  " * x + "* a\n" for x in range(300)))
write("refused-backticks", "".join("e" + "`" * x for x in range(1, 450)))
write("refused-unclosed-links-a", "[a](<b" * 16_000)
write("refused-unclosed-links-b", "[a](b" * 20_000)
write("parsed-many-references", "".join("[%d]: u\n\n" % i for i in range(1, 10_000)) + "\n\n" + "[0] " * 1_000)
write("parsed-reference-collisions", colliding_references(2_000))
write("parsed-nul-bytes", "abc\ufffdde\ufffd\n" * 10_000)
# GHSA-24f7-9frr-5h2r: unclosed HTML comments.
write("refused-html-comments", "a" + "<!--" * 25_000)
write("refused-unclosed-comment-after-tag", "</" + "<!--" * 25_000)
# Fuzzing and variations: lists, quotes and footnotes.
write("refused-bullets-then-brackets", "- " * 2_000 + "[" * 25_000)
write("parsed-nested-lists-then-brackets", "".join("  " * x + "* a\n" for x in range(90)) + "  " * 90 + "* " + "[" * 4_000)
write("parsed-footnotes", "".join("[^%d]: x\n\n" % i for i in range(1, 4_000)) + "\n" + " ".join("[^%d]" % i for i in range(1, 1_200)))
write("refused-strikethrough-openers", "~~a " * 25_000)
write("parsed-prose", paragraphs("Plain words with a [link](https://example.com) and *some* `code`. ", 12))
# Fenced code is not counted, but only where the fence surely opens code: these hide a hostile
# paragraph after a fence that cmark-gfm reads as HTML or as code that a list item closes.
code = "```swift\n" + "let x = [a[0], b(1)] * c_d & <e> // `f`\n" * 3_000 + "```\n\n"
write("parsed-big-code-block", code + "Text after the code.")
write("refused-fence-in-html-block", "<div>\n```\n</div>\n\n" + "![[]()" * 2_000 + "\n")
write("refused-fence-in-html-comment", "<!--\n\n```\n-->\n" + "![[]()" * 2_000 + "\n")
write("refused-fence-in-list-item", "- a\n\n  ```\nx\n\n" + "![[]()" * 2_000 + "\n")
