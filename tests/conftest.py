"""Shared fixtures: the test database holds the whole knowledge base, loaded once per session."""

import pytest

from policykb.kb.loading import knowledge_base_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        knowledge_base_load()


@pytest.fixture
def kb_reloaded(transactional_db):
    """For tests that flush the database (live server, transactional): reload the knowledge base."""
    knowledge_base_load()
