#pragma once
// Expected failures (missing file, device lost, corrupt data) travel as values, never as
// exceptions across threads (DESIGN.md convention 8). A programmer error is an assert instead.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace fg::core {

enum class StatusCode : int { Invalid = 0, Ok, NotFound, Unreadable, Corrupt, Unsupported, DeviceLost,
                              OutOfRange, Io };

class Status {
 public:
  static Status ok() { return Status(StatusCode::Ok, {}); }
  static Status error(StatusCode code, std::string message) {
    assert(code != StatusCode::Ok && code != StatusCode::Invalid && "use Status::ok() for success");
    return Status(code, std::move(message));
  }
  bool isOk() const { return code_ == StatusCode::Ok; }
  explicit operator bool() const { return isOk(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::Invalid;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(state_).isOk() && "a Result built from a Status must carry an error");
  }
  bool isOk() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return isOk(); }
  T& value() {
    assert(isOk() && "check isOk() before value()");
    return std::get<T>(state_);
  }
  const T& value() const {
    assert(isOk() && "check isOk() before value()");
    return std::get<T>(state_);
  }
  const Status& status() const {
    static const Status kOk = Status::ok();
    return isOk() ? kOk : std::get<Status>(state_);
  }

 private:
  std::variant<T, Status> state_;
};

}  // namespace fg::core
