#include "demobook.h"

#include "demo/demosalon.h"

namespace chairside::testsupport {

QString DemoBook::open(const QTime &now)
{
    DemoSalon::Options options;
    options.today = Day;
    zone = QTimeZone(options.timeZone.toUtf8());
    setNow(Day, now);
    m_temp = std::make_unique<TempStore>(clock);
    if (!m_temp->isValid())
        return m_temp->errorString();
    const Result<QString> id = DemoSalon::write(m_temp->store(), options);
    if (!id)
        return id.error().message;
    const Result<std::optional<Salon>> written = m_temp->store().salon(*id);
    if (!written)
        return written.error().message;
    if (!*written)
        return QStringLiteral("The demo salon %1 was not found after writing it.").arg(*id);
    salon = **written;
    zone = QTimeZone(salon.timeZone.toUtf8());
    return {};
}

void DemoBook::setNow(const QDate &date, const QTime &time)
{
    clock.set(QDateTime(date, time, zone));
}

qint64 DemoBook::at(const QDate &date, const QTime &time) const
{
    return QDateTime(date, time, zone).toSecsSinceEpoch();
}

} // namespace chairside::testsupport
