#!/usr/bin/python3
"""Reads a DICOM file with pydicom (an independent reader) and writes what the tests compare:
its frames' pixels as little-endian bytes to OUT, and one line of facts to stdout.

Usage: dicom_pixels.py FILE OUT
"""
import sys

import pydicom


def main() -> int:
    path, out = sys.argv[1], sys.argv[2]
    data = pydicom.dcmread(path)
    pixels = data.pixel_array
    frames = int(getattr(data, "NumberOfFrames", 1))
    spacing = "\\".join(str(v) for v in getattr(data, "PixelSpacing", []))
    with open(out, "wb") as f:
        f.write(pixels.astype(pixels.dtype.newbyteorder("<")).tobytes())
    print(f"frames={frames} rows={data.Rows} columns={data.Columns} "
          f"bits={data.BitsAllocated} spacing={spacing} modality={data.Modality}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
