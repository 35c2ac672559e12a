#include "issuer.h"

#include <QCoreApplication>
#include <QUuid>

namespace chairside::issuer {

QString tenantPlaceholder()
{
    return QStringLiteral("{tenantid}");
}

bool isTemplate(const QString &issuer)
{
    return issuer.contains(tenantPlaceholder());
}

bool isTenantId(const QString &text)
{
    return text.size() == 36 && !QUuid::fromString(text).isNull();
}

Result<QString> forTenant(const QString &issuer, const QString &tid)
{
    if (!isTemplate(issuer))
        return issuer;
    if (!isTenantId(tid)) {
        return Error::invalid(QCoreApplication::translate(
                "chairside",
                "The Microsoft sign-in did not say which tenant the account belongs to (its "
                "tenant id is missing or malformed), so Chairside cannot check who issued it. "
                "Try connecting again."));
    }
    QString filled = issuer;
    filled.replace(tenantPlaceholder(), tid.toLower());
    return filled;
}

bool matches(const QString &expected, const QString &actual)
{
    if (!isTemplate(expected))
        return actual == expected;
    const qsizetype at = expected.indexOf(tenantPlaceholder());
    const QString prefix = expected.left(at);
    const QString suffix = expected.mid(at + tenantPlaceholder().size());
    if (!actual.startsWith(prefix) || !actual.endsWith(suffix)
        || actual.size() != prefix.size() + 36 + suffix.size())
        return false;
    const QString tid = actual.mid(prefix.size(), 36);
    // Issuers are compared as published: lowercase tenant ids only.
    return isTenantId(tid) && tid == tid.toLower();
}

} // namespace chairside::issuer
