"""The v1 snapshot the interop tests write from Python; the Java tests check these values."""
import datetime


def example_snapshot() -> dict:
    return {
        "host": {"id": "py-host-1", "hostname": "py-host", "labels": {"team": "ml"}},
        "environment": {"id": "py-host-1//opt/conda/envs/train", "name": "train",
                        "prefix": "/opt/conda/envs/train", "manager": "CONDA"},
        "platform": {"os": "linux", "os_version": None, "arch": "x86_64", "subdir": "linux-64",
                     "python_version": "3.11.2", "glibc_version": "2.36", "nvidia_driver_version": None,
                     "cuda_driver_version": None, "gpus": ["A100"]},
        "collected_at": datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc),
        "source": "agent",
        "packages": [
            {"name": "numpy", "version": "1.26.4", "installer": "CONDA", "channel": "conda-forge",
             "subdir": "linux-64", "build": "py311h64a7726_0", "build_number": 0, "requires": [],
             "depends": ["python >=3.11,<3.12.0a0"], "constrains": []},
            {"name": "requests", "version": "2.31.0", "installer": "PIP", "channel": "pypi",
             "subdir": None, "build": None, "build_number": None,
             "requires": ["charset-normalizer<4,>=2", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""],
             "depends": [], "constrains": []},
        ],
    }
