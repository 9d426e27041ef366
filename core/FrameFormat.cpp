#include "core/FrameFormat.hpp"

namespace fg::core {

std::string_view toString(PixelFormat format) {
  switch (format) {
    case PixelFormat::Gray8: return "8-bit gray";
    case PixelFormat::Gray16: return "16-bit gray";
    case PixelFormat::Invalid: break;
  }
  return "invalid";
}

std::string_view toString(PixelIntensity intensity) {
  switch (intensity) {
    case PixelIntensity::Log: return "log";
    case PixelIntensity::Linear: return "linear";
    case PixelIntensity::Display: return "display";
    case PixelIntensity::Unknown: break;
  }
  return "unknown";
}

PixelIntensity parsePixelIntensity(std::string_view name) {
  if (name == "log") return PixelIntensity::Log;
  if (name == "linear") return PixelIntensity::Linear;
  if (name == "display") return PixelIntensity::Display;
  return PixelIntensity::Unknown;
}

PatientDirection PatientDirection::opposite() const {
  std::array<char, 4> out{};
  const std::string_view in = letters();
  for (size_t i = 0; i < in.size(); ++i) {
    switch (in[i]) {
      case 'L': out[i] = 'R'; break;
      case 'R': out[i] = 'L'; break;
      case 'A': out[i] = 'P'; break;
      case 'P': out[i] = 'A'; break;
      case 'H': out[i] = 'F'; break;
      case 'F': out[i] = 'H'; break;
      default: out[i] = '?'; break;
    }
  }
  return PatientDirection(std::string_view(out.data()));
}

}  // namespace fg::core
