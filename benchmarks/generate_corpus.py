"""Generate a synthetic corpus of f4-style German interview transcripts (deterministic).

    /work/venv/bin/python benchmarks/generate_corpus.py --files 1000 --out benchmarks/.work/corpus

Each file is UTF-8 text in the shape qualcode's importer expects from f4/f5::

    Datum: 2020-05-04
    Modus: Telefon
    Kommune: kreisfreie Stadt
    Dauer: 00:52:41

    I: Frage ... #00:00:07-3#

    B: Antwort ... (...) ... //mhm// ... (lacht) #00:01:02-8#

Alternating ``I:``/``B:`` turns, one paragraph per turn, each ending with an increasing f4 time
mark, occasional Dresing & Pehl notation. Sentences come from a small invented vocabulary (no
real interview text). File ``i`` depends only on the seed and ``i``, so the first 200 files of
the 1,000-file corpus equal the 200-file corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 2

# -- vocabulary (invented for this benchmark) -----------------------------------------------
SUBJECTS = [
    "die Ausländerbehörde", "das Jobcenter", "die Kommune", "der Kreis", "die Stadtverwaltung",
    "mein Kollege", "meine Kollegin", "die Beratungsstelle", "das Integrationszentrum",
    "der freie Träger", "die Schulsozialarbeit", "das Sozialamt", "die Familie",
    "der junge Mann", "die Klientin", "das Team", "die Leitung", "der Bürgermeister",
    "die Ehrenamtlichen", "die Berufsschule", "das Ordnungsamt", "die Wohnungsbehörde",
    "der Sprachkurs", "die Übersetzerin", "die Sachbearbeiterin", "der Dezernent",
    "die Arbeitsagentur", "das Gesundheitsamt", "die Geschäftsführung", "der Lenkungskreis",
]
VERBS_3SG = [
    "prüft", "begleitet", "unterstützt", "organisiert", "vermittelt", "bespricht", "klärt",
    "übernimmt", "verschiebt", "dokumentiert", "koordiniert", "erklärt", "beantragt",
    "verlängert", "bearbeitet", "überprüft", "fördert", "plant", "kennt", "braucht",
    "bekommt", "schickt", "ändert", "öffnet", "schließt", "bündelt", "berät", "empfängt",
]
VERBS_1SG = [
    "begleite", "unterstütze", "organisiere", "vermittle", "bespreche", "kläre", "übernehme",
    "dokumentiere", "koordiniere", "erkläre", "plane", "brauche", "bekomme", "schicke",
    "berate", "rufe", "besuche", "frage", "sammle", "schreibe",
]
VERBS_1PL = [
    "begleiten", "unterstützen", "organisieren", "vermitteln", "besprechen", "klären",
    "übernehmen", "dokumentieren", "koordinieren", "erklären", "planen", "brauchen",
    "bekommen", "schicken", "beraten", "besuchen", "sammeln", "schreiben", "treffen",
]
OBJECTS = [
    "die Anträge", "die Unterlagen", "den Termin", "die Duldung", "die Ausbildung",
    "die Fallkonferenz", "den Förderbaustein", "die Sprachförderung", "das Netzwerk",
    "die Wohnungssuche", "die Beschäftigungserlaubnis", "den Aufenthaltstitel", "die Bescheide",
    "die Übergänge", "die Gespräche", "die Abstimmung", "den Rückruf", "die Hausbesuche",
    "die Ausbildungsduldung", "die Fälle", "die Bildungsberatung", "die Öffentlichkeitsarbeit",
    "die Vorgänge", "die Schulanmeldung", "das Praktikum", "die Qualifizierung",
    "die Anerkennung", "die Zuständigkeiten", "die Fördermittel", "die Rückmeldungen",
    "die Kontakte", "die Prüfung", "die Maßnahme", "den Bedarf", "die Zahlen", "das Konzept",
]
TIMES = [
    "seit dem Frühjahr", "im Moment", "eigentlich jede Woche", "seit März", "im Sommer",
    "zurzeit", "inzwischen", "am Anfang", "nach dem Lockdown", "vor Corona",
    "ab Herbst", "mittlerweile", "seit ein paar Monaten", "jeden Dienstag", "kurzfristig",
    "über Monate", "im letzten Jahr", "gerade jetzt", "nach den Ferien", "zwischendurch",
]
PLACES = [
    "vor Ort", "im Büro", "telefonisch", "per E-Mail", "über Videokonferenz", "im Rathaus",
    "in der Beratungsstelle", "draußen im Park", "im Stadtteil", "bei den Familien zu Hause",
    "in den Unterkünften", "in der Schule", "im Jugendzentrum", "über WhatsApp",
    "im Gemeindehaus", "am Telefon", "in der Außenstelle", "auf dem Flur",
]
ADJECTIVES = [
    "schwierig", "hilfreich", "anstrengend", "spannend", "mühsam", "ungewohnt", "gut",
    "völlig neu", "ziemlich zäh", "überraschend einfach", "sehr unterschiedlich", "wichtig",
    "frustrierend", "erstaunlich schnell", "nicht so einfach", "ganz okay", "unübersichtlich",
    "nachvollziehbar", "zeitaufwendig", "eine große Erleichterung",
]
REASONS = [
    "weil die Ämter geschlossen waren", "weil niemand zuständig war",
    "weil die Leute keine Geräte hatten", "weil alles digital laufen musste",
    "weil die Fristen weiterliefen", "weil die Kinder zu Hause waren",
    "weil wir uns erst finden mussten", "weil die Rückmeldungen fehlten",
    "weil die Zuständigkeiten unklar waren", "weil es keine Übersetzung gab",
    "weil die Stellen lange unbesetzt waren", "weil die Wege kürzer geworden sind",
    "weil die Absprachen besser funktionieren", "weil man sich jetzt kennt",
    "weil das Vertrauen gewachsen ist", "weil die Präsenztermine ausgefallen sind",
]
OPENERS = [
    "Also", "Ja,", "Naja,", "Genau,", "Und", "Aber", "Ähm,", "Also ehrlich gesagt",
    "Ich würde sagen,", "Im Grunde", "Tatsächlich", "Na ja, also", "Gut,", "Hm,",
    "Sagen wir mal so:", "Letztendlich", "Ehrlicherweise",
]
FILLERS = ["halt", "eben", "sozusagen", "irgendwie", "schon", "ja", "mal", "auch", "wirklich",
           "eigentlich", "gar", "total", "einfach", "ziemlich"]
QUOTED = [
    "Das geht so nicht", "Da sind wir nicht zuständig", "Kommen Sie nächste Woche wieder",
    "Schicken Sie uns das per Post", "Das haben wir noch nie so gemacht",
    "Wir melden uns", "Das prüfen wir", "Ohne Termin geht gar nichts",
]
QUESTION_STEMS = [
    "Wie hat sich {o} {t} verändert?", "Können Sie {o} noch etwas genauer beschreiben?",
    "Was bedeutet das für {o}?", "Wer ist bei Ihnen für {o} zuständig?",
    "Wie läuft {o} {p} ab?", "Welche Rolle spielt {s} dabei?",
    "Und wie klappt die Zusammenarbeit mit {s} {t}?", "Gab es {t} Schwierigkeiten mit {o}?",
    "Was würden Sie sich für {o} wünschen?", "Wie erreichen Sie die Leute {p}?",
    "Hat sich das {t} bewährt?", "Können Sie ein Beispiel nennen?",
    "Wie viele Fälle betreuen Sie {t}?", "Was hat {s} konkret übernommen?",
]
SHORT_QUESTIONS = ["Mhm.", "Okay.", "Verstehe.", "Ja.", "Und dann?", "Ah ja.", "Interessant.",
                   "Das heißt?", "Genau.", "Ach so."]

MODES = ["Telefon", "Video"]
KOMMUNEN = ["Kreis", "kreisfreie Stadt", "kreisangehörige Kommune"]

# Dresing & Pehl notation inserted between sentences (probability per sentence).
NOTATION = [("(...)", 0.05), ("(.)", 0.04), ("(lacht)", 0.025), ("//mhm//", 0.04),
            ("//Mhm.//", 0.02), ("(unv.)", 0.008), ("(seufzt)", 0.006)]


def _sentence_pool(rng: random.Random, size: int) -> list[str]:
    """Answer sentences built from the vocabulary (mixed shapes, umlauts, fillers)."""
    pool = []
    for _ in range(size):
        shape = rng.randrange(9)
        s, o, t, p = (rng.choice(SUBJECTS), rng.choice(OBJECTS), rng.choice(TIMES),
                      rng.choice(PLACES))
        f = rng.choice(FILLERS)
        if shape == 0:
            text = f"{rng.choice(OPENERS)} {s} {rng.choice(VERBS_3SG)} {f} {o} {t}."
        elif shape == 1:
            text = f"Ich {rng.choice(VERBS_1SG)} {o} {f} {p}."
        elif shape == 2:
            text = f"Wir {rng.choice(VERBS_1PL)} {o} {t} {p}, {rng.choice(REASONS)}."
        elif shape == 3:
            text = f"Das war {f} {rng.choice(ADJECTIVES)}, {rng.choice(REASONS)}."
        elif shape == 4:
            text = (f"{rng.choice(OPENERS)} {t} {rng.choice(VERBS_3SG)} {s} {o} {p}, "
                    f"und das ist {rng.choice(ADJECTIVES)}.")
        elif shape == 5:
            text = f"{s[0].upper()}{s[1:]} {rng.choice(VERBS_3SG)} {o} {p} {f} nicht mehr."
        elif shape == 7:  # reported speech with German quotation marks
            text = f"{rng.choice(OPENERS)} {s} hat {t} nur gesagt: „{rng.choice(QUOTED)}“."
        elif shape == 8:  # a dash and an ellipsis
            text = f"Ich {rng.choice(VERBS_1SG)} {o} – {f} {p} – und dann … mal sehen."
        else:
            text = (f"Und {o} {rng.choice(['hat', 'haben'])} {t} {f} "
                    f"{rng.choice(['funktioniert', 'gedauert', 'geklappt', 'gehakt'])}.")
        pool.append(text[0].upper() + text[1:])
    return pool


def _question_pool(rng: random.Random, size: int) -> list[str]:
    pool = []
    for _ in range(size):
        stem = rng.choice(QUESTION_STEMS)
        pool.append(stem.format(s=rng.choice(SUBJECTS), o=rng.choice(OBJECTS),
                                t=rng.choice(TIMES), p=rng.choice(PLACES)))
    return pool


def _mark(tenths: int) -> str:
    seconds, tenth = divmod(tenths, 10)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"#{hours:02d}:{minute:02d}:{second:02d}-{tenth}#"


def _turn(rng: random.Random, pool: list[str], target_words: int) -> tuple[str, int]:
    parts: list[str] = []
    words = 0
    while words < target_words:
        sentence = pool[rng.randrange(len(pool))]
        roll = rng.random()
        if roll < 0.04:  # a broken-off word: "Wir hab/ wir haben ..."
            first = sentence.split(" ", 1)[0]
            parts.append(f"{first[:max(2, len(first) - 2)]}/")
        parts.append(sentence)
        words += sentence.count(" ") + 1
        roll = rng.random()
        acc = 0.0
        for mark, share in NOTATION:
            acc += share
            if roll < acc:
                parts.append(mark)
                break
    return " ".join(parts), words


def transcript(index: int, words: int, seed: int, answers: list[str],
               questions: list[str]) -> tuple[str, int]:
    """The text of transcript ``index`` (about ``words`` words) and its word count."""
    rng = random.Random(f"{seed}:{index}")
    target = int(words * rng.uniform(0.85, 1.15))
    total = 0
    tenths = rng.randrange(20, 80)
    turns: list[str] = []
    speaker_i = True
    while total < target:
        if speaker_i:
            if rng.random() < 0.15:
                body, n = rng.choice(SHORT_QUESTIONS), 1
            else:
                body, n = _turn(rng, questions, rng.randint(6, 30))
            label = "I"
        else:
            body, n = _turn(rng, answers, rng.choice((20, 40, 60, 90, 120, 160, 220)))
            label = "B"
        tenths += int(n * rng.uniform(3.2, 4.6)) + rng.randrange(5, 25)  # ~2.5 words/s + pause
        turns.append(f"{label}: {body} {_mark(tenths)}")
        total += n + 1
        speaker_i = not speaker_i
    duration = _mark(tenths)[1:9]
    month = rng.randint(3, 12)
    day = rng.randint(1, 28)
    header = (f"Datum: 2020-{month:02d}-{day:02d}\n"
              f"Modus: {rng.choice(MODES)}\n"
              f"Kommune: {rng.choice(KOMMUNEN)}\n"
              f"Dauer: {duration}\n")
    return header + "\n" + "\n\n".join(turns) + "\n", total + 8


def generate(out: Path, files: int = 1000, words: int = 8000, seed: int = 20200504) -> dict:
    """Write ``files`` transcripts to ``out`` (old ``*.txt`` files there are removed)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    rng = random.Random(seed)
    answers = _sentence_pool(rng, 6000)
    questions = _question_pool(rng, 1500)
    total_words = total_bytes = 0
    width = max(4, len(str(files)))
    for index in range(1, files + 1):
        text, count = transcript(index, words, seed, answers, questions)
        data = text.encode("utf-8")
        (out / f"interview-{index:0{width}d}.txt").write_bytes(data)
        total_words += count
        total_bytes += len(data)
    return {"words": total_words, "bytes": total_bytes}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="number of transcripts")
    parser.add_argument("--words", type=int, default=8000, help="mean words per transcript")
    parser.add_argument("--seed", type=int, default=20200504)
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: benchmarks/.work/corpus-FILES-wWORDS-sSEED)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out is None:  # the cached folder the benchmarks use, with its manifest
        from common import corpus_dir, corpus_stats, ensure_corpus
        args.out = corpus_dir(args.files, args.words, args.seed)
        args.out.with_suffix(".json").unlink(missing_ok=True)
        ensure_corpus(args.files, args.words, args.seed)
        manifest = corpus_stats(args.out)
        stats = {"words": manifest["total_words"], "bytes": manifest["total_bytes"]}
    else:
        stats = generate(args.out, args.files, args.words, args.seed)
    print(f"{args.files} transcripts, {stats['words']:,} words, "
          f"{stats['bytes'] / 2**20:.1f} MiB in {args.out} "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
