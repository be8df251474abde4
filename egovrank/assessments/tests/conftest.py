"""Shared pieces of the self-assessment tests: clients per persona, URLs, uploads."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client_of(person: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    return client


def form_url(world: Any, key: str = "sotc", name: str = "assessments:form", **extra: Any) -> str:
    participant = world.participants[key]
    return reverse(name, kwargs={"year": world.period.year, "unit": participant.unit_code, **extra})


def pdf(name: str = "quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def officer(world: Any) -> Client:
    return client_of(world.unit_officer)


@pytest.fixture
def head(world: Any) -> Client:
    return client_of(world.unit_head)
