#include "statusstyle.h"

#include <cmath>

namespace chairside {

namespace {

double luminance(const QColor &colour)
{
    auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF());
}

QColor mix(const QColor &colour, const QColor &with, double amount)
{
    return QColor::fromRgbF(colour.redF() + (with.redF() - colour.redF()) * amount,
                            colour.greenF() + (with.greenF() - colour.greenF()) * amount,
                            colour.blueF() + (with.blueF() - colour.blueF()) * amount);
}

// `colour` moved towards black or white until it stands out from `on` by `ratio`.
QColor withContrast(QColor colour, const QColor &on, double ratio)
{
    const QColor target = luminance(on) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    for (int step = 0; step < 20 && StatusStyle::contrast(colour, on) < ratio; ++step)
        colour = mix(colour, target, 0.15);
    return colour;
}

} // namespace

double StatusStyle::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool StatusStyle::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Base)) < 0.18;
}

QColor StatusStyle::accentOn(const QColor &hue, const QColor &fill)
{
    return withContrast(hue, fill, 3.0);
}

QColor StatusStyle::hueOf(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Booked: return QColor(0x54, 0x6e, 0x7a);
    case AppointmentStatus::Confirmed: return QColor(0x1e, 0x88, 0xe5);
    case AppointmentStatus::Arrived: return QColor(0x2e, 0x9d, 0x32);
    case AppointmentStatus::InService: return QColor(0x8e, 0x24, 0xaa);
    case AppointmentStatus::Completed: return QColor(0x75, 0x75, 0x75);
    case AppointmentStatus::Cancelled: return QColor(0x9e, 0x9e, 0x9e);
    case AppointmentStatus::NoShow: return QColor(0xd3, 0x2f, 0x2f);
    }
    return QColor(0x75, 0x75, 0x75);
}

QString StatusStyle::markerOf(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Booked: return QStringLiteral("○");
    case AppointmentStatus::Confirmed: return QStringLiteral("✓");
    case AppointmentStatus::Arrived: return QStringLiteral("●");
    case AppointmentStatus::InService: return QStringLiteral("▶");
    case AppointmentStatus::Completed: return QStringLiteral("■");
    case AppointmentStatus::Cancelled: return QStringLiteral("⊘");
    case AppointmentStatus::NoShow: return QStringLiteral("✗");
    }
    return {};
}

StatusStyle StatusStyle::tinted(const QColor &hue, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    StatusStyle style;
    // Light themes: a pale tint; dark themes: a deep one. Either way the
    // palette's own text stays readable on it.
    style.fill = mix(hue, base, isDark(palette) ? 0.62 : 0.78);
    style.ink = withContrast(palette.color(QPalette::Text), style.fill, 7.0);
    style.accent = withContrast(hue, style.fill, 3.0);
    return style;
}

StatusStyle StatusStyle::of(AppointmentStatus status, const QPalette &palette)
{
    StatusStyle style = tinted(hueOf(status), palette);
    style.marker = markerOf(status);
    return style;
}

} // namespace chairside
