"""The lemma cache: a migration of its own, reused by later processes without spaCy, and
nothing downloaded at run time."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from support import ROOT

from qualcode.analysis.nlp import RULES_VERSION, pipeline_key
from qualcode.analysis.tokens import document_tokens, forget_memory_cache
from qualcode.store.project import Project
from qualcode.store.schema import MIGRATIONS


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_older_projects_are_migrated_with_a_backup(tmp_path):
    path = tmp_path / "old.qualcode"
    with Project.create(path) as created:
        created.db.execute("DROP TABLE token_cache")
        created.db.execute("DELETE FROM _sqlite_migrations WHERE name = ?",
                           ["0003_analysis_token_cache"])
    with Project.open(path) as opened:
        assert "token_cache" in opened.db.table_names()
        assert "0003_analysis_token_cache" in {m.name for m in MIGRATIONS.applied(opened.db)}
    assert len(list(tmp_path.glob("old.qualcode.backup-*"))) == 1


def test_a_second_process_searches_without_loading_spacy(coded_project):
    first = _python(f"""
        from qualcode.store.project import Project
        from qualcode.analysis.search import search
        with Project.open({str(coded_project)!r}) as p:
            print(len(search(p, "Ausländerbehörde", lemma=True).hits))
        """)
    assert first.stdout.strip() == "5", first.stderr
    with Project.open(coded_project) as opened:
        assert opened.db.execute("SELECT count(*) FROM token_cache").fetchone()[0] == 4
    second = _python(f"""
        import sys
        from qualcode.store.project import Project
        from qualcode.analysis.search import search
        with Project.open({str(coded_project)!r}) as p:
            hits = search(p, "Ausländerbehörden", lemma=True).hits
        print(len(hits), "spacy" in sys.modules)
        """)
    assert second.stdout.split() == ["5", "False"], second.stderr


def test_works_with_the_network_unavailable(tmp_path):
    # Every socket refuses: the pipeline and its lookup table come from installed packages.
    result = _python("""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled in this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from qualcode.analysis.nlp import german_pipeline, lemma_of
        from qualcode.analysis.sentences import sentence_spans
        nlp = german_pipeline()
        print(lemma_of("Ausländerbehörden"), [t.lemma_ for t in nlp("Die Behörden")][1],
              len(sentence_spans("Ja. Nein.")))
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Ausländerbehörde", "Behörde", "2"]


def test_cache_is_not_in_the_event_log(coded_project):
    with Project.open(coded_project) as opened:
        batches = opened.db.execute("SELECT count(*) FROM batches").fetchone()[0]
    forget_memory_cache()
    with Project.open(coded_project) as opened:
        assert len(document_tokens(opened)) == 4
    with Project.open(coded_project) as opened:
        assert opened.db.execute("SELECT count(*) FROM batches").fetchone()[0] == batches
        payload = json.loads(opened.db.execute(
            "SELECT payload FROM token_cache WHERE document_id = 1").fetchone()[0])
    assert set(payload) == {"starts", "ends", "lemmas", "sentences", "parts"}


def test_a_cache_of_older_rules_is_rebuilt(coded_project):
    # Analyses cached before hyphenated words had parts (rules=1) are recomputed.
    forget_memory_cache()
    with Project.open(coded_project) as opened:
        document_tokens(opened)
        opened.db.execute("UPDATE token_cache SET pipeline = replace(pipeline, ?, ?), "
                          "payload = ?", [f"rules={RULES_VERSION}", "rules=1", "{}"])
    forget_memory_cache()
    with Project.open(coded_project) as opened:
        assert len(document_tokens(opened)) == 4
        pipelines = {row[0] for row in opened.db.execute("SELECT pipeline FROM token_cache")}
        payload = json.loads(opened.db.execute(
            "SELECT payload FROM token_cache WHERE document_id = 1").fetchone()[0])
    assert pipelines == {pipeline_key()}
    assert "parts" in payload
