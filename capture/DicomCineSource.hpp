#pragma once
// A DICOM cine (XA, RF or secondary capture; multi-frame or single) replayed as a source. Frames
// are decoded one at a time as they are shown, so memory does not grow with the loop's length:
// native pixel data (implicit or explicit VR, little or big endian) is read straight from the file,
// RLE, JPEG baseline, extended and lossless and JPEG-LS through DCMTK's codecs, JPEG 2000 through
// OpenJPEG. Grey frames keep their depth (8 or 16 bits, signed values offset to unsigned,
// MONOCHROME1 turned to MONOCHROME2); colour frames (a grabbed video) become grey. Times from
// Frame Time Vector, Frame Time or Cine Rate; pixel spacing from Imager Pixel Spacing (at the
// detector), Pixel Spacing or Nominal Scanned Pixel Spacing. Patient data is never read out.

#include <filesystem>
#include <memory>

#include "capture/FrameSequence.hpp"
#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// True for a .dcm / .dicom name or a file with "DICM" after its 128-byte preamble.
bool looksLikeDicom(const std::filesystem::path& file);

// Errors name the file and what is wrong with it: not DICOM Part 10 (no meta header), cut short,
// no Pixel Data, pixel data shorter than its frames, a layout or transfer syntax not supported,
// a first frame that does not decode.
core::Result<std::unique_ptr<FrameSequence>> openDicomCine(const std::filesystem::path& file);

core::Result<std::unique_ptr<FrameSource>> openDicomReplay(const std::filesystem::path& file,
                                                           const SourceOptions& options);

}  // namespace fg::capture
