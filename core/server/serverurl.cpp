#include "serverurl.h"

#include <QUrl>

namespace chairside {

namespace {

const QString hostKey = QStringLiteral("host");
const QString portKey = QStringLiteral("port");
const QString passwordKey = QStringLiteral("password");

// Never repeated in a message: the whole address may hold the password.
Error malformed(const QString &why)
{
    return Error::usage(
            ServerUrl::tr("The server address cannot be read: %1. Write it as "
                          "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full, or as "
                          "libpq's key=value pairs.")
                    .arg(why));
}

// libpq's percent-decoding: every '%' takes two hex digits, and %00 is refused.
Result<QString> percentDecoded(QStringView text)
{
    QByteArray bytes;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'%') {
            bytes.append(QStringView(text.mid(i, 1)).toUtf8());
            continue;
        }
        bool ok = false;
        const int byte = i + 2 < text.size() ? text.mid(i + 1, 2).toInt(&ok, 16) : -1;
        if (!ok || byte < 0)
            return malformed(ServerUrl::tr("a '%' must be followed by two hexadecimal digits"));
        if (byte == 0)
            return malformed(ServerUrl::tr("it contains %00, which no value may hold"));
        bytes.append(char(byte));
        i += 2;
    }
    return QString::fromUtf8(bytes);
}

bool isPort(const QString &port)
{
    bool ok = false;
    const int number = port.toInt(&ok);
    return ok && number >= 1 && number <= 65535 && !port.startsWith(u'+');
}

QString quoted(QString value)
{
    value.replace(u'\\', QLatin1String("\\\\"));
    value.replace(u'\'', QLatin1String("\\'"));
    return u'\'' + value + u'\'';
}

// The allowed values of the keywords that take one of a few words.
const QMap<QString, QStringList> &choices()
{
    static const QMap<QString, QStringList> map{
            {QStringLiteral("sslmode"), ServerUrl::sslModes()},
            {QStringLiteral("target_session_attrs"),
             {QStringLiteral("any"), QStringLiteral("read-write"), QStringLiteral("read-only"),
              QStringLiteral("primary"), QStringLiteral("standby"),
              QStringLiteral("prefer-standby")}},
            {QStringLiteral("gssencmode"),
             {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
            {QStringLiteral("channel_binding"),
             {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
    };
    return map;
}

const QStringList numberKeywords{
        QStringLiteral("connect_timeout"),  QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),  QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout")};

} // namespace

const QStringList &ServerUrl::keywords()
{
    // libpq 15's connection keywords, less replication and client_encoding
    // (QPSQL sets the encoding itself and speaks the ordinary protocol).
    static const QStringList list{
            QStringLiteral("host"),
            QStringLiteral("hostaddr"),
            QStringLiteral("port"),
            QStringLiteral("dbname"),
            QStringLiteral("user"),
            QStringLiteral("password"),
            QStringLiteral("passfile"),
            QStringLiteral("channel_binding"),
            QStringLiteral("connect_timeout"),
            QStringLiteral("options"),
            QStringLiteral("application_name"),
            QStringLiteral("fallback_application_name"),
            QStringLiteral("keepalives"),
            QStringLiteral("keepalives_idle"),
            QStringLiteral("keepalives_interval"),
            QStringLiteral("keepalives_count"),
            QStringLiteral("tcp_user_timeout"),
            QStringLiteral("sslmode"),
            QStringLiteral("sslcompression"),
            QStringLiteral("sslcert"),
            QStringLiteral("sslkey"),
            QStringLiteral("sslpassword"),
            QStringLiteral("sslrootcert"),
            QStringLiteral("sslcrl"),
            QStringLiteral("sslcrldir"),
            QStringLiteral("sslsni"),
            QStringLiteral("requirepeer"),
            QStringLiteral("ssl_min_protocol_version"),
            QStringLiteral("ssl_max_protocol_version"),
            QStringLiteral("gssencmode"),
            QStringLiteral("krbsrvname"),
            QStringLiteral("gsslib"),
            QStringLiteral("service"),
            QStringLiteral("target_session_attrs"),
    };
    return list;
}

const QStringList &ServerUrl::sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

Result<ServerUrl> ServerUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return malformed(tr("it is empty"));
    for (const QLatin1String scheme :
         {QLatin1String("postgresql://"), QLatin1String("postgres://")}) {
        if (trimmed.startsWith(scheme))
            return parseUri(trimmed, scheme.size());
    }
    if (!trimmed.contains(u'=')) {
        if (trimmed.contains(QLatin1String("://")))
            return malformed(tr("it must start with postgresql:// or postgres://"));
        return malformed(tr("it is neither a postgresql:// address nor key=value pairs"));
    }
    return parseKeywords(trimmed);
}

Result<ServerUrl> ServerUrl::parseUri(const QString &text, qsizetype schemeLength)
{
    ServerUrl url;
    QStringView rest = QStringView(text).mid(schemeLength);

    // [user[:password]@] — libpq looks for '@' before the first '/' or '?'.
    const qsizetype end = [&] {
        const qsizetype slash = rest.indexOf(u'/');
        const qsizetype question = rest.indexOf(u'?');
        if (slash < 0)
            return question < 0 ? rest.size() : question;
        return question < 0 ? slash : std::min(slash, question);
    }();
    const qsizetype at = rest.left(end).indexOf(u'@');
    if (at >= 0) {
        const QStringView userInfo = rest.left(at);
        const qsizetype colon = userInfo.indexOf(u':');
        const Result<QString> user = percentDecoded(colon < 0 ? userInfo : userInfo.left(colon));
        if (!user)
            return user.error();
        if (!user->isEmpty())
            url.m_values.insert(QStringLiteral("user"), *user);
        if (colon >= 0) {
            const Result<QString> password = percentDecoded(userInfo.mid(colon + 1));
            if (!password)
                return password.error();
            if (!password->isEmpty())
                url.m_values.insert(passwordKey, *password);
        }
        rest = rest.mid(at + 1);
    }

    // host[:port][,host[:port]...]; an IPv6 address in brackets.
    QStringList names;
    QStringList ports;
    bool anyHost = false;
    qsizetype i = 0;
    while (true) {
        QString name;
        if (i < rest.size() && rest[i] == u'[') {
            const qsizetype close = rest.indexOf(u']', i);
            if (close < 0)
                return malformed(tr("an IPv6 address opened with '[' has no closing ']'"));
            if (close == i + 1)
                return malformed(tr("an IPv6 address in '[]' may not be empty"));
            name = rest.mid(i + 1, close - i - 1).toString();
            i = close + 1;
            if (i < rest.size() && !QStringView(u":,/?").contains(rest[i]))
                return malformed(tr("after an IPv6 address comes ':', ',', '/' or '?', not '%1'")
                                         .arg(rest[i]));
        } else {
            const qsizetype start = i;
            while (i < rest.size() && !QStringView(u":,/?").contains(rest[i]))
                ++i;
            const Result<QString> decoded = percentDecoded(rest.mid(start, i - start));
            if (!decoded)
                return decoded.error();
            name = *decoded;
        }
        QString port;
        if (i < rest.size() && rest[i] == u':') {
            const qsizetype start = ++i;
            while (i < rest.size() && !QStringView(u",/?").contains(rest[i]))
                ++i;
            port = rest.mid(start, i - start).toString();
            if (!isPort(port))
                return malformed(tr("“%1” is not a port number (1 to 65535)").arg(port));
        }
        anyHost = anyHost || !name.isEmpty() || !port.isEmpty();
        names.append(name);
        ports.append(port);
        if (i < rest.size() && rest[i] == u',') {
            ++i;
            continue;
        }
        break;
    }
    if (anyHost) {
        url.m_values.insert(hostKey, names.join(u','));
        if (std::any_of(ports.cbegin(), ports.cend(),
                        [](const QString &p) { return !p.isEmpty(); }))
            url.m_values.insert(portKey, ports.join(u','));
    }
    rest = rest.mid(i);

    // [/database]
    if (rest.startsWith(u'/')) {
        const qsizetype question = rest.indexOf(u'?');
        const Result<QString> database =
                percentDecoded(rest.mid(1, question < 0 ? -1 : question - 1));
        if (!database)
            return database.error();
        if (!database->isEmpty())
            url.m_values.insert(QStringLiteral("dbname"), *database);
        rest = question < 0 ? QStringView() : rest.mid(question);
    }

    // [?key=value&...]
    if (rest.startsWith(u'?')) {
        const QList<QStringView> pairs = rest.mid(1).split(u'&');
        for (const QStringView pair : pairs) {
            if (pair.isEmpty())
                continue;
            const qsizetype equals = pair.indexOf(u'=');
            if (equals < 0)
                return malformed(tr("a query parameter lacks its '=' and value"));
            if (pair.indexOf(u'=', equals + 1) >= 0)
                return malformed(tr("a query parameter has a second '='"));
            const Result<QString> key = percentDecoded(pair.left(equals));
            const Result<QString> value = percentDecoded(pair.mid(equals + 1));
            if (!key)
                return key.error();
            if (!value)
                return value.error();
            // libpq's alias from JDBC: ssl=true means sslmode=require.
            if (*key == QLatin1String("ssl")) {
                if (*value != QLatin1String("true"))
                    return malformed(tr("the parameter ssl may only be true"));
                url.m_values.insert(QStringLiteral("sslmode"), QStringLiteral("require"));
                continue;
            }
            if (const Result<void> stored = url.store(*key, *value); !stored)
                return stored.error();
        }
    } else if (!rest.isEmpty()) {
        return malformed(tr("after the hosts comes '/' or '?', not '%1'").arg(rest[0]));
    }
    if (const Result<void> checked = url.check(); !checked)
        return checked.error();
    return url;
}

Result<ServerUrl> ServerUrl::parseKeywords(const QString &text)
{
    ServerUrl url;
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && text[i].isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= text.size())
            break;
        const qsizetype start = i;
        while (i < text.size() && !text[i].isSpace() && text[i] != u'=')
            ++i;
        const QString key = text.mid(start, i - start);
        skipSpace();
        if (i >= text.size() || text[i] != u'=')
            return malformed(tr("“%1” is missing its '=' and value").arg(key));
        ++i;
        skipSpace();
        QString value;
        if (i < text.size() && text[i] == u'\'') {
            ++i;
            bool closed = false;
            for (; i < text.size(); ++i) {
                if (text[i] == u'\\' && i + 1 < text.size()) {
                    value.append(text[++i]);
                } else if (text[i] == u'\'') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    value.append(text[i]);
                }
            }
            if (!closed)
                return malformed(tr("the quoted value of “%1” has no closing quote").arg(key));
        } else {
            for (; i < text.size() && !text[i].isSpace(); ++i) {
                if (text[i] == u'\\' && i + 1 < text.size())
                    ++i;
                value.append(text[i]);
            }
        }
        if (const Result<void> stored = url.store(key, value); !stored)
            return stored.error();
    }
    if (const Result<void> checked = url.check(); !checked)
        return checked.error();
    return url;
}

Result<void> ServerUrl::store(const QString &keyword, const QString &value)
{
    if (!keywords().contains(keyword))
        return malformed(tr("“%1” is not a PostgreSQL connection parameter").arg(keyword));
    if (keyword == hostKey && value.isEmpty())
        m_values.remove(hostKey);
    else
        m_values.insert(keyword, value);
    return {};
}

Result<void> ServerUrl::check() const
{
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        const auto allowed = choices().constFind(it.key());
        if (allowed != choices().cend() && !allowed->contains(it.value()))
            return malformed(
                    tr("%1 must be one of %2, not “%3”")
                            .arg(it.key(), allowed->join(QLatin1String(", ")), it.value()));
        if (numberKeywords.contains(it.key())) {
            bool ok = false;
            if (it.value().toInt(&ok) < 0 || !ok)
                return malformed(
                        tr("%1 must be a whole number, not “%2”").arg(it.key(), it.value()));
        }
        // QPSQL turns every ';' in its options into a space; only the
        // password, user, database and hosts are passed apart from them.
        static const QStringList passedApart{hostKey, passwordKey, QStringLiteral("user"),
                                             QStringLiteral("dbname")};
        if (!passedApart.contains(it.key()) && it.value().contains(u';'))
            return malformed(
                    tr("the value of %1 may not contain ';' (the Qt PostgreSQL driver cannot pass "
                       "it on)")
                            .arg(it.key()));
    }
    const QStringList ports = value(portKey).split(u',');
    for (const QString &port : ports) {
        if (!port.isEmpty() && !isPort(port))
            return malformed(tr("“%1” is not a port number (1 to 65535)").arg(port));
    }
    const qsizetype hostCount = value(hostKey).split(u',').size();
    if (has(portKey) && ports.size() != 1 && ports.size() != hostCount)
        return malformed(tr("it gives %1 ports for %2 hosts; give one port, or one for each host")
                                 .arg(ports.size())
                                 .arg(hostCount));
    return {};
}

void ServerUrl::set(const QString &keyword, const QString &value)
{
    if (value.isEmpty())
        m_values.remove(keyword);
    else
        m_values.insert(keyword, value);
}

QList<ServerUrl::Host> ServerUrl::hosts() const
{
    const QStringList names = has(hostKey) ? value(hostKey).split(u',') : QStringList{QString()};
    const QStringList ports = value(portKey).split(u',');
    QList<Host> list;
    for (qsizetype i = 0; i < names.size(); ++i)
        list.append({names[i], ports.size() == 1 ? ports[0] : ports.value(i)});
    return list;
}

void ServerUrl::applyTo(QSqlDatabase &db) const
{
    db.setHostName(value(hostKey));
    db.setDatabaseName(database());
    db.setUserName(user());
    db.setPassword(password());
    db.setPort(-1);
    db.setConnectOptions(connectOptions());
}

QString ServerUrl::connectOptions() const
{
    static const QStringList passedApart{hostKey, passwordKey, QStringLiteral("user"),
                                         QStringLiteral("dbname")};
    QStringList options;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!passedApart.contains(it.key()))
            options.append(it.key() + u'=' + quoted(it.value()));
    }
    return options.join(u' ');
}

QString ServerUrl::toDisplayString() const
{
    const auto encoded = [](const QString &part) {
        return QString::fromLatin1(QUrl::toPercentEncoding(part));
    };
    QString text = QStringLiteral("postgresql://");
    if (!user().isEmpty())
        text += encoded(user()) + u'@';
    QStringList hostTexts;
    const bool anyHost = has(hostKey) || has(portKey);
    if (anyHost) {
        for (const Host &host : hosts()) {
            QString hostText =
                    host.name.contains(u':') ? u'[' + host.name + u']' : encoded(host.name);
            if (!host.port.isEmpty())
                hostText += u':' + host.port;
            hostTexts.append(hostText);
        }
    }
    text += hostTexts.join(u',');
    if (!database().isEmpty())
        text += u'/' + encoded(database());
    QStringList query;
    static const QStringList inThePath{hostKey,
                                       portKey,
                                       passwordKey,
                                       QStringLiteral("user"),
                                       QStringLiteral("dbname"),
                                       QStringLiteral("sslpassword")};
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!inThePath.contains(it.key()))
            query.append(it.key() + u'=' + encoded(it.value()));
    }
    if (!query.isEmpty())
        text += u'?' + query.join(u'&');
    return text;
}

} // namespace chairside
