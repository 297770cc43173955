"""Zips a folder keeping each file's Unix mode (so an executable stays executable once unzipped).

Usage: zip_keep_modes.py FOLDER OUT.zip [EXECUTABLE]
With EXECUTABLE (a path inside FOLDER), exits non-zero unless that entry has mode 0755 in the zip.
"""
import os
import stat
import sys
import zipfile


def zip_folder(root: str, out: str) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
                info.create_system = 3  # Unix: external_attr carries the mode
                info.external_attr = (stat.S_IFREG | stat.S_IMODE(os.stat(path).st_mode)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as f:
                    z.writestr(info, f.read())


def mode_in_zip(out: str, entry: str) -> int:
    with zipfile.ZipFile(out) as z:
        return stat.S_IMODE(z.getinfo(entry).external_attr >> 16)


if __name__ == "__main__":
    root, out = sys.argv[1], sys.argv[2]
    zip_folder(root, out)
    if len(sys.argv) > 3:
        mode = mode_in_zip(out, sys.argv[3])
        if mode != 0o755:
            sys.exit(f"{sys.argv[3]} has mode {mode:o} in {out}, expected 755")
