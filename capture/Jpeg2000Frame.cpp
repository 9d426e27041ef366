#include "capture/Jpeg2000Frame.hpp"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

namespace fg::capture {
namespace {

// The compressed frame as an OpenJPEG input stream.
struct MemoryReader {
  std::span<const uint8_t> data;
  size_t at = 0;
};

OPJ_SIZE_T readBytes(void* buffer, OPJ_SIZE_T count, void* user) {
  auto* r = static_cast<MemoryReader*>(user);
  if (r->at >= r->data.size()) return static_cast<OPJ_SIZE_T>(-1);
  const size_t n = std::min<size_t>(count, r->data.size() - r->at);
  std::memcpy(buffer, r->data.data() + r->at, n);
  r->at += n;
  return n;
}
OPJ_OFF_T skipBytes(OPJ_OFF_T count, void* user) {
  auto* r = static_cast<MemoryReader*>(user);
  const auto target = std::clamp<OPJ_OFF_T>(static_cast<OPJ_OFF_T>(r->at) + count, 0,
                                            static_cast<OPJ_OFF_T>(r->data.size()));
  const OPJ_OFF_T moved = target - static_cast<OPJ_OFF_T>(r->at);
  r->at = static_cast<size_t>(target);
  return moved;
}
OPJ_BOOL seekTo(OPJ_OFF_T position, void* user) {
  auto* r = static_cast<MemoryReader*>(user);
  if (position < 0 || static_cast<size_t>(position) > r->data.size()) return OPJ_FALSE;
  r->at = static_cast<size_t>(position);
  return OPJ_TRUE;
}

struct CodecDeleter {
  void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
  void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

core::Status damaged(const std::string& what) {
  return core::Status::error(core::StatusCode::Corrupt, "JPEG 2000 frame: " + what);
}

}  // namespace

core::Status decodeJpeg2000(std::span<const uint8_t> data, const Jpeg2000Layout& layout,
                            std::span<uint8_t> out) {
  static constexpr uint8_t kCodestream[] = {0xFF, 0x4F, 0xFF, 0x51};
  static constexpr uint8_t kJp2Box[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50};
  OPJ_CODEC_FORMAT format = OPJ_CODEC_UNKNOWN;
  if (data.size() >= 4 && std::equal(kCodestream, kCodestream + 4, data.begin()))
    format = OPJ_CODEC_J2K;
  else if (data.size() >= 6 && std::equal(kJp2Box, kJp2Box + 6, data.begin()))
    format = OPJ_CODEC_JP2;
  if (format == OPJ_CODEC_UNKNOWN) return damaged("neither a codestream nor a JP2 file");
  const size_t expected =
      static_cast<size_t>(layout.width) * layout.height * layout.components * layout.bytesPerSample;
  if (out.size() < expected) return damaged("output buffer too small");

  std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(format));
  opj_dparameters_t parameters;
  opj_set_default_decoder_parameters(&parameters);
  if (!codec || !opj_setup_decoder(codec.get(), &parameters))
    return damaged("the decoder cannot be set up");
  MemoryReader reader{data, 0};
  std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_default_create(OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &reader, nullptr);
  opj_stream_set_user_data_length(stream.get(), data.size());
  opj_stream_set_read_function(stream.get(), readBytes);
  opj_stream_set_skip_function(stream.get(), skipBytes);
  opj_stream_set_seek_function(stream.get(), seekTo);
  opj_image_t* raw = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &raw)) return damaged("its header is damaged");
  std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
  if (!opj_decode(codec.get(), stream.get(), image.get()) ||
      !opj_end_decompress(codec.get(), stream.get()))
    return damaged("its codestream is damaged or cut short");
  if (static_cast<int>(image->numcomps) != layout.components)
    return damaged(std::to_string(image->numcomps) + " components, the DICOM header says " +
                   std::to_string(layout.components));
  for (int c = 0; c < layout.components; ++c) {
    const opj_image_comp_t& comp = image->comps[c];
    if (static_cast<int>(comp.w) != layout.width || static_cast<int>(comp.h) != layout.height ||
        comp.data == nullptr)
      return damaged("its size differs from the DICOM header's " + std::to_string(layout.width) +
                     " x " + std::to_string(layout.height));
  }
  const size_t pixels = static_cast<size_t>(layout.width) * layout.height;
  for (size_t i = 0; i < pixels; ++i) {
    for (int c = 0; c < layout.components; ++c) {
      const int32_t v = image->comps[c].data[i];
      const size_t at = (i * layout.components + c) * layout.bytesPerSample;
      if (layout.bytesPerSample == 1) {
        out[at] = static_cast<uint8_t>(v);
      } else {
        const auto word = static_cast<uint16_t>(v);
        std::memcpy(out.data() + at, &word, 2);
      }
    }
  }
  return core::Status::ok();
}

}  // namespace fg::capture
