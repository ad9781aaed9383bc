"""Extract the TensorFlow C library and its C headers from a tensorflow-cpu wheel.

Usage: extract_libtensorflow.py WHEEL TARGET BINDING_SOURCES_DIR

TARGET receives lib/ (libtensorflow.so and libtensorflow_framework.so, the names the
tfjs-node addon links against) and include/ with the headers that the addon's sources
include and everything those include in turn. The files are written to a temporary folder that
replaces TARGET only when complete.
"""
import glob
import os
import re
import shutil
import sys
import zipfile

LIBRARIES = {
    "tensorflow/libtensorflow_cc.so.2": "libtensorflow.so",
    "tensorflow/libtensorflow_framework.so.2": "libtensorflow_framework.so",
}
HEADERS = "tensorflow/include/"
INCLUDE = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def includes(text: bytes) -> list:
    return [m.decode() for m in INCLUDE.findall(text)]


def header_closure(archive: zipfile.ZipFile, names: set, sources: str) -> set:
    """The wheel's headers that the sources include, and what those include, transitively."""
    found, pending = set(), []
    for source in glob.glob(os.path.join(sources, "*.[ch]*")):
        with open(source, "rb") as f:
            pending.extend(includes(f.read()))
    while pending:
        header = pending.pop()
        member = HEADERS + header
        if header in found or member not in names:
            continue
        found.add(header)
        pending.extend(includes(archive.read(member)))
    return found


def extract(wheel: str, target: str, sources: str) -> None:
    partial = target + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        missing = [name for name in LIBRARIES if name not in names]
        if missing:
            sys.exit(f"{wheel} does not contain {', '.join(missing)}")
        for name, link in LIBRARIES.items():
            archive.extract(name, partial)
            file = os.path.basename(name)
            os.makedirs(os.path.join(partial, "lib"), exist_ok=True)
            os.replace(os.path.join(partial, name), os.path.join(partial, "lib", file))
            os.symlink(file, os.path.join(partial, "lib", link))
        for header in header_closure(archive, names, sources):
            archive.extract(HEADERS + header, partial)
    os.replace(os.path.join(partial, HEADERS), os.path.join(partial, "include"))
    shutil.rmtree(os.path.join(partial, "tensorflow"))
    shutil.rmtree(target, ignore_errors=True)
    os.replace(partial, target)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    extract(*sys.argv[1:])
