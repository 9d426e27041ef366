#include "capture/FrameSource.hpp"

namespace fg::capture {

core::Status FrameSource::rewind() {
  return core::Status::error(core::StatusCode::Unsupported, info().description + " cannot rewind");
}

core::Status FrameSource::reopen() {
  return core::Status::error(core::StatusCode::Unsupported, info().description + " cannot reopen");
}

}  // namespace fg::capture
