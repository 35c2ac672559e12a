#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>

namespace chairside {

struct Client
{
    QString id;
    QString salonId;
    QString name;
    QString phone;
    QString email;
    QString notes;
    QDate patchTestDate; // null when never tested
    int noShowCount = 0;
    bool consentSms = false;
    bool consentEmail = false;
    bool consentPhotos = false;

    QJsonObject toJson() const;
    static Client fromJson(const QJsonObject &json);
    friend bool operator==(const Client &, const Client &) = default;
};

} // namespace chairside
