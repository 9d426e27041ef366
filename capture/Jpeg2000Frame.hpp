#pragma once
// One JPEG 2000 frame of a DICOM cine decoded with OpenJPEG (DCMTK has no JPEG 2000 codec): a
// raw codestream or a JP2 file in memory, to samples of 1 or 2 bytes each as stored (signed values
// in two's complement), one component (grey) or three interleaved.

#include <cstdint>
#include <span>

#include "core/Status.hpp"

namespace fg::capture {

struct Jpeg2000Layout {
  int width = 0, height = 0;
  int components = 1;      // 1 grey, 3 colour
  int bytesPerSample = 2;  // 1 or 2
};

// Errors: not JPEG 2000, a size or component count other than `layout`, a damaged codestream.
core::Status decodeJpeg2000(std::span<const uint8_t> data, const Jpeg2000Layout& layout,
                            std::span<uint8_t> out);

}  // namespace fg::capture
