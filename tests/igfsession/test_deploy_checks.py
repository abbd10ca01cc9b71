"""check --deploy with several app servers: uploads in a local folder and a per-process cache are
warned about; one server (the default) needs neither."""

from pathlib import Path

from igfsession.checks import check_bench_write_view_off, check_cache_shared, check_uploads_shared
from tests.deploy_check import deploy_check

PROJECT = Path(__file__).resolve().parents[2]
REDIS = {
    "default": {
        "BACKEND": "igfsession.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:18699/0",
    }
}
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _storage(settings, backend):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}


def test_deploy_check_one_server_with_a_local_folder_and_memory_cache_is_fine(settings):
    settings.APP_SERVERS = 1
    settings.CACHES = LOCAL

    assert (check_uploads_shared(), check_cache_shared()) == ([], [])


def test_deploy_check_two_servers_with_uploads_in_a_local_folder_warns(settings, tmp_path):
    settings.APP_SERVERS = 2
    settings.MEDIA_ROOT = tmp_path / "media"

    warnings = check_uploads_shared()

    assert [(w.id, w.level, w.msg) for w in warnings] == [
        (
            "igfsession.W001",
            30,
            "APP_SERVERS is 2, but uploaded files are kept in a local folder "
            f"({tmp_path / 'media'}): a file uploaded through one server is missing on the "
            "others.",
        )
    ]


def test_deploy_check_two_servers_with_a_shared_storage_is_fine(settings):
    settings.APP_SERVERS = 2
    _storage(settings, "django.core.files.storage.InMemoryStorage")

    assert check_uploads_shared() == []


def test_deploy_check_two_servers_with_a_per_process_cache_warns(settings):
    settings.APP_SERVERS = 2
    settings.CACHES = LOCAL

    assert [w.id for w in check_cache_shared()] == ["igfsession.W002"]


def test_deploy_check_two_servers_with_redis_is_fine(settings):
    settings.APP_SERVERS = 2
    settings.CACHES = REDIS

    assert check_cache_shared() == []


def test_deploy_check_default_production_settings_still_pass():
    result = deploy_check()

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_deploy_check_two_servers_on_a_local_folder_fails_thedeploy_check():
    result = deploy_check(APP_SERVERS="2", REDIS_URL="redis://127.0.0.1:18699/6")

    assert result.returncode == 1
    assert "(igfsession.W001) APP_SERVERS is 2, but uploaded files are kept" in result.stderr
    assert "igfsession.W002" not in result.stderr


def test_deploy_check_two_servers_on_a_shared_storage_and_redis_pass():
    result = deploy_check(
        APP_SERVERS="2",
        REDIS_URL="redis://127.0.0.1:18699/6",
        FILE_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        FILE_STORAGE_OPTIONS='{"base_url": "/media/"}',
    )

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_settings_file_storage_options_must_be_a_json_object():
    result = deploy_check(FILE_STORAGE_OPTIONS="[1, 2]")

    assert result.returncode == 1
    assert "FILE_STORAGE_OPTIONS must be a JSON object; got '[1, 2]'." in result.stderr


def test_deploy_check_warns_when_the_benchmark_write_view_is_on(settings):
    settings.BENCH_WRITE_VIEW = True

    (warning,) = check_bench_write_view_off()

    assert (warning.id, warning.msg) == (
        "igfsession.W004",
        "BENCH_WRITE_VIEW is on: POST /bench/write/ inserts a row for anyone, without CSRF.",
    )


def test_deploy_check_is_quiet_with_the_benchmark_write_view_off(settings):
    settings.BENCH_WRITE_VIEW = False

    assert check_bench_write_view_off() == []
