#pragma once

#include "domain/error.h"

#include <QString>

namespace chairside::issuer {

// Microsoft's multi-tenant endpoints (common, organizations, consumers, a
// domain) publish their issuer as a template,
// https://login.microsoftonline.com/{tenantid}/v2.0, because every account's
// tokens are issued by its own tenant. These helpers keep that rule in one place.

QString tenantPlaceholder();
bool isTemplate(const QString &issuer);
// Tenant ids are GUIDs written without braces.
bool isTenantId(const QString &text);
// The template with {tenantid} replaced by `tid` (lowercase); an error when
// tid is not a tenant id. A fixed issuer comes back unchanged.
Result<QString> forTenant(const QString &issuer, const QString &tid);
// Whether `actual` is `expected`, or `expected` is a template and `actual`
// fills it with one tenant id. Exact otherwise (RFC 9207: no normalising).
bool matches(const QString &expected, const QString &actual);

} // namespace chairside::issuer
