#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace chairside {

// What went wrong, with a sentence a receptionist or an admin can act on.
// The message is already translated when the error is made.
struct Error
{
    enum class Code {
        Usage,       // the caller asked for something malformed (CLI exit 2)
        Invalid,     // input breaks a rule: end before start, bad duration (exit 3)
        NotFound,    // unknown or ambiguous stylist, service, client, ... (exit 3)
        Conflict,    // the booking collides with shifts, breaks, other visits (exit 3)
        Storage,     // SQLite failed: disk full, locked, I/O (exit 1)
        Corrupt,     // the store file is damaged or not ours (exit 1)
        ReadOnly,    // the store file cannot be written (exit 1)
        Unavailable, // the keychain or a server cannot be used now: locked, offline (exit 1)
    };

    Code code = Code::Invalid;
    QString message;

    static Error usage(QString m) { return {Code::Usage, std::move(m)}; }
    static Error invalid(QString m) { return {Code::Invalid, std::move(m)}; }
    static Error notFound(QString m) { return {Code::NotFound, std::move(m)}; }
    static Error conflict(QString m) { return {Code::Conflict, std::move(m)}; }
    static Error storage(QString m) { return {Code::Storage, std::move(m)}; }
    static Error unavailable(QString m) { return {Code::Unavailable, std::move(m)}; }
};

// Either a value or an Error. A small stand-in for std::expected (C++23),
// since the project builds as C++20.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<0>(m_state); }
    const T &value() const { return std::get<0>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace chairside
