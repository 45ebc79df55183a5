"""Growing past one machine: published files on an S3-compatible bucket, a shared Redis cache,
and the settings that switch them on from the environment; the container files start the app,
the worker and PostgreSQL as the README says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import yaml
from django.core.cache.backends.redis import RedisCache
from moto import mock_aws

from yjinspect.findings import services as findings
from yjinspect.reports.models import PublishedReport

from ..conftest import publish_now

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket="yj-published", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": "yj-published", "region_name": "eu-west-2"},
            },
        }
        yield boto3.client("s3", region_name="eu-west-2")


def test_each_published_version_is_written_to_the_bucket(sampled, alice, bucket):
    findings.add_recommendation(
        alice, sampled, body="board", body_name="Board", text="Act.", standards=["1.1"]
    )
    publish_now(sampled, alice)
    reports = list(PublishedReport.objects.filter(inspection=sampled))
    assert {r.language for r in reports} == {"en", "cy"}  # a service in Wales
    for report in reports:
        assert report.stored_as == f"reports/{sampled.pk}/v1-{report.language}.pdf"
        stored = bucket.get_object(Bucket="yj-published", Key=report.stored_as)["Body"].read()
        assert stored == bytes(report.pdf)


def test_two_app_servers_share_one_redis_cache():
    url = "redis://127.0.0.1:6379/15"
    first, second = RedisCache(url, {}), RedisCache(url, {})  # as two servers would hold
    try:
        first.set("yj-test-shared", "seen", 30)
        assert second.get("yj-test-shared") == "seen"
        second.delete("yj-test-shared")
    finally:
        # Django keeps each cache's connection pool open for the process's life; a test
        # that makes its own must close them (an open socket fails the run when collected).
        for cache in (first, second):
            for pool in cache._cache._pools.values():
                pool.disconnect()


def _settings_with(**env: str) -> dict:
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'yjinspect.settings';"
        "from django.conf import settings as s;"
        "print(json.dumps({'storage': s.STORAGES['default']['BACKEND'],"
        " 'cache': s.CACHES['default']['BACKEND'], 'pages': s.CACHES['pages']['BACKEND'],"
        " 'dashboards': s.YJ_DASHBOARD_DATABASE, 'aliases': sorted(s.DATABASES)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "YJ_SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_environment_switches_each_part_on():
    plain = _settings_with()
    assert plain["storage"].endswith("FileSystemStorage") and plain["aliases"] == ["default"]
    assert plain["dashboards"] == "default"
    grown = _settings_with(
        YJ_S3_BUCKET="yj-published",
        YJ_CACHE_URL="redis://cache:6379/0",
        YJ_REPLICA_DATABASE_URL="postgres://reader@replica:5432/yjinspect",
    )
    assert grown["storage"] == "storages.backends.s3.S3Storage"
    assert grown["cache"].endswith("RedisCache") and grown["pages"].endswith("RedisCache")
    assert grown["aliases"] == ["default", "replica"] and grown["dashboards"] == "replica"


def test_the_compose_file_runs_the_app_a_worker_and_postgresql():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"app", "worker", "db"} <= set(services)
    app = " ".join(services["app"]["command"])
    assert "serve" in app and "--no-worker" in app and "migrate" in app
    assert services["worker"]["command"] == ["yjinspect", "worker"]
    for name in ("app", "worker"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
    assert services["db"]["image"].startswith("postgres:15")
    containerfile = (ROOT / "Containerfile").read_text()
    assert "FROM python:3.11" in containerfile and "yjinspect" in containerfile
    assert "pip install" in containerfile and '".[scale]"' in containerfile
