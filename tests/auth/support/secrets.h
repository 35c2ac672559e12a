#pragma once

#include "domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chairside::testsupport {

// The forms a secret could take when written somewhere: raw, base64,
// base64url, hex and percent-encoded.
QList<QByteArray> encodings(const QByteArray &secret);

// Whether text holds any form (encodings()) of any of the secrets. An empty
// secret is found everywhere, so callers make sure theirs are not empty.
bool holdsAny(const QByteArray &text, const QList<QByteArray> &secrets);

// The first file under the roots (recursively, hidden ones too) that holds
// any form of any of the secrets, or an empty string when none does.
// searched, if given, receives how many distinct files were read.
QString fileHoldingAny(const QStringList &roots, const QList<QByteArray> &secrets,
                       int *searched = nullptr);

// Reads one secret from the keychain through a TokenStore of its own and
// waits up to 15 s for the answer; std::nullopt when none came.
std::optional<Result<QByteArray>> readSecret(const QString &accountId, const QString &secretName);

} // namespace chairside::testsupport
