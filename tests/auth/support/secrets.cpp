#include "secrets.h"

#include "auth/tokenstore.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTest>

namespace chairside::testsupport {

QList<QByteArray> encodings(const QByteArray &secret)
{
    return {secret, secret.toBase64(),
            secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            secret.toHex(), secret.toPercentEncoding()};
}

bool holdsAny(const QByteArray &text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        const QList<QByteArray> forms = encodings(secret);
        for (const QByteArray &form : forms) {
            if (text.contains(form))
                return true;
        }
    }
    return false;
}

QString fileHoldingAny(const QStringList &roots, const QList<QByteArray> &secrets, int *searched)
{
    // Roots may nest (a data dir inside HOME): each file is read once.
    QSet<QString> seen;
    QString holding;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext() && holding.isEmpty()) {
            QFile file(it.next());
            const QString path = QFileInfo(file).canonicalFilePath();
            if (seen.contains(path) || !file.open(QIODevice::ReadOnly))
                continue;
            seen.insert(path);
            if (holdsAny(file.readAll(), secrets))
                holding = file.fileName();
        }
    }
    if (searched)
        *searched = int(seen.size());
    return holding;
}

std::optional<Result<QByteArray>> readSecret(const QString &accountId, const QString &secretName)
{
    TokenStore store;
    std::optional<Result<QByteArray>> answer;
    QObject::connect(
            &store, &TokenStore::secretRead, &store,
            [&](const QString &account, const QString &name, const Result<QByteArray> &result) {
                if (account == accountId && name == secretName && !answer)
                    answer = result;
            });
    store.read(accountId, secretName);
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000))
        return std::nullopt;
    return answer;
}

} // namespace chairside::testsupport
