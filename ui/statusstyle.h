#pragma once

#include "domain/appointment.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace chairside {

// How a visit's status looks in the day view: a fill, the ink on it, an
// accent for the left bar and a small marker, so the status reads without
// colour too (✓ confirmed, ● arrived, ▶ in service…). Worked out from the
// palette so it reads in light and dark themes alike.
struct StatusStyle
{
    QColor fill;
    QColor ink;    // text on the fill
    QColor accent; // the marker and the left bar
    QString marker;

    static StatusStyle of(AppointmentStatus status, const QPalette &palette);
    // A tint of `hue` on the palette's base, with ink and accent that keep
    // their contrast on it (colouring by service category uses this too).
    static StatusStyle tinted(const QColor &hue, const QPalette &palette);
    // `hue` darkened or lightened until it stands out on `fill` (3:1).
    static QColor accentOn(const QColor &hue, const QColor &fill);
    static QString markerOf(AppointmentStatus status);
    static QColor hueOf(AppointmentStatus status);
    // WCAG contrast ratio, 1 (none) to 21 (black on white).
    static double contrast(const QColor &a, const QColor &b);
    static bool isDark(const QPalette &palette);
};

} // namespace chairside
