#pragma once
// Small helpers for files written with POSIX calls (journals, recorded runs): write all of a
// buffer, and an error that names the file and the system's reason.

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/Status.hpp"

namespace fg::core {

// Writes all `size` bytes (write() may take fewer at a time); false on an error (errno set).
bool writeAll(int fd, const void* data, size_t size);
// "<what> <path>: <strerror(errno)>", as an Io error.
Status ioError(const std::filesystem::path& path, const std::string& what);

}  // namespace fg::core
