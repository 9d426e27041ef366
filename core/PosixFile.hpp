#pragma once
// Small helpers for files written with POSIX calls (journals, recorded runs): write all of a
// buffer, and an error that names the file and the system's reason.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/Status.hpp"

namespace fg::core {

// Writes all `size` bytes (write() may take fewer at a time); false on an error (errno set).
bool writeAll(int fd, const void* data, size_t size);
// The same at `offset` (pread/pwrite: the file position is left alone, threads may share the fd).
// Reading fails when the file ends first.
bool readAllAt(int fd, void* out, size_t size, int64_t offset);
bool writeAllAt(int fd, const void* data, size_t size, int64_t offset);
// "<what> <path>: <strerror(errno)>", as an Io error.
Status ioError(const std::filesystem::path& path, const std::string& what);

}  // namespace fg::core
