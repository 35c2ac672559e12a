#include "demosalon.h"

#include "domain/salontime.h"
#include "store/store.h"

#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

// Demo data (names, services, notes) is sample content, like rows a salon
// would type in, so it is not translated.

namespace chairside {

namespace {

constexpr int SlotMinutes = 5; // resource use is tracked per 5 minutes
constexpr int SlotsPerDay = 24 * 60 / SlotMinutes;
constexpr int GridMinutes = 15; // visits start on the quarter hour

enum ResourceIndex { Chair, Basin, Room, ResourceKinds };

struct SegmentDef
{
    SegmentKind kind;
    int minutes;
    int resource; // ResourceIndex, or -1
};

struct ServiceDef
{
    const char *name;
    const char *category;
    qint64 priceCents;
    std::vector<SegmentDef> segments;
    int bufferAfter;
    int weight;      // how often it is booked on its own
    int rebookWeeks; // the next visit offered on completion; 0: none
};

// Tables read better in rows.
// clang-format off
enum ServiceIndex {
    CutFinish, MensCut, FringeTrim, BlowDry, HairUp, FullColour, RootTouchUp, HalfHighlights,
    FullHighlights, Balayage, Toner, BeardTrim, Conditioning, ScalpTreatment, Keratin,
    ServiceCount
};

const std::vector<ServiceDef> &serviceDefs()
{
    using K = SegmentKind;
    static const std::vector<ServiceDef> defs = {
        {"Cut & Finish", "Cuts", 5200, {{K::Busy, 45, Chair}}, 0, 26, 6},
        {"Men's Cut", "Cuts", 2800, {{K::Busy, 30, Chair}}, 0, 10, 5},
        {"Fringe Trim", "Cuts", 800, {{K::Busy, 15, Chair}}, 0, 3, 5},
        {"Blow Dry", "Styling", 3200, {{K::Busy, 10, Basin}, {K::Busy, 30, Chair}}, 0, 12, 0},
        {"Occasion Hair-Up", "Styling", 6500, {{K::Busy, 60, Chair}}, 0, 2, 0},
        {"Full Head Colour", "Colour", 8500,
         {{K::Busy, 30, Chair}, {K::Processing, 35, Chair}, {K::Busy, 15, Basin}, {K::Busy, 30, Chair}},
         10, 8, 6},
        {"Root Touch-Up", "Colour", 5500,
         {{K::Busy, 20, Chair}, {K::Processing, 30, Chair}, {K::Busy, 10, Basin}, {K::Busy, 20, Chair}},
         5, 9, 6},
        {"Half Head Highlights", "Colour", 9000,
         {{K::Busy, 45, Chair}, {K::Processing, 30, Chair}, {K::Busy, 15, Basin}, {K::Busy, 30, Chair}},
         10, 6, 6},
        {"Full Head Highlights", "Colour", 12000,
         {{K::Busy, 75, Chair}, {K::Processing, 35, Chair}, {K::Busy, 15, Basin}, {K::Busy, 30, Chair}},
         10, 4, 6},
        {"Balayage", "Colour", 14500,
         {{K::Busy, 60, Chair}, {K::Processing, 40, Chair}, {K::Busy, 15, Basin}, {K::Busy, 45, Chair}},
         10, 4, 6},
        {"Toner", "Colour", 2500,
         {{K::Busy, 10, Basin}, {K::Processing, 20, Basin}, {K::Busy, 10, Basin}}, 0, 2, 6},
        {"Beard Trim", "Grooming", 1800, {{K::Busy, 20, Chair}}, 0, 3, 0},
        {"Conditioning Treatment", "Treatments", 2500,
         {{K::Busy, 10, Basin}, {K::Processing, 15, Basin}, {K::Busy, 10, Basin}}, 0, 3, 0},
        {"Scalp Treatment", "Treatments", 4500, {{K::Busy, 45, Room}}, 15, 2, 0},
        {"Keratin Smoothing", "Treatments", 18000,
         {{K::Busy, 45, Chair}, {K::Processing, 30, Chair}, {K::Busy, 15, Basin}, {K::Busy, 60, Chair}},
         0, 1, 0},
    };
    return defs;
}

// Visits of several services, in the order they are done.
const std::vector<std::vector<int>> &combos()
{
    static const std::vector<std::vector<int>> list = {
        {FullColour, CutFinish}, {RootTouchUp, BlowDry},     {Balayage, Toner, BlowDry},
        {HalfHighlights, CutFinish}, {MensCut, BeardTrim}, {Conditioning, CutFinish},
    };
    return list;
}

// clang-format on

// Services short and busy-only enough to fit in another client's processing time.
constexpr std::array<int, 4> FillerServices = {FringeTrim, BeardTrim, MensCut, BlowDry};

// clang-format off
struct StaffDef
{
    const char *name;
    const char *colour;
};

constexpr std::array<StaffDef, 16> StylistNames = {{
    {"Sophie Bennett", "#8E6CC8"}, {"James Okafor", "#3F8FD2"}, {"Mia Thompson", "#E0607E"},
    {"Priya Shah", "#2FA58E"},     {"Lucy Evans", "#F0A030"},   {"Tom Hughes", "#5C6BC0"},
    {"Aisha Khan", "#D9653B"},     {"Ellie Morgan", "#6AAF3D"}, {"Daniel Reid", "#8D6E63"},
    {"Chloe Walsh", "#C2185B"},    {"Ravi Patel", "#0097A7"},   {"Hannah Price", "#AF8F00"},
    {"Jack Doyle", "#7E57C2"},     {"Zara Ahmed", "#E65100"},   {"Olivia Grant", "#00897B"},
    {"Leo Marshall", "#546E7A"},
}};

constexpr std::array<const char *, 64> FirstNames = {
    "Amelia", "Olivia", "Isla", "Ava", "Emily", "Grace", "Freya", "Lily", "Ella", "Poppy",
    "Charlotte", "Evie", "Harper", "Ruby", "Florence", "Sienna", "Matilda", "Rosie", "Imogen",
    "Alice", "Phoebe", "Jessica", "Holly", "Niamh", "Erin", "Megan", "Bethany", "Katie", "Fatima",
    "Maryam", "Anika", "Mei", "Joanna", "Claire", "Rachel", "Sarah", "Laura", "Helen", "Karen",
    "Deborah", "Margaret", "Patricia", "Aoife", "Siobhan", "Zainab", "Leah", "Nadia", "Tasha",
    "Oliver", "George", "Harry", "Noah", "Jacob", "Charlie", "Arjun", "Mohammed", "Liam", "Ethan",
    "Callum", "Owen", "Rhys", "Samuel", "Marcus", "Kwame",
};

constexpr std::array<const char *, 64> LastNames = {
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis",
    "Rodriguez", "Cox", "Alexander", "Garden", "Campbell", "Johnston", "Moore", "Smyth", "O'Neill",
    "Doherty", "Stewart", "Quinn", "Murphy", "Graham", "Mclaughlin", "Hamilton", "Murray", "Hughes",
    "Robertson", "Thomson", "Scott", "Macdonald", "Reid", "Clark", "Ross", "Young", "Watson",
    "Paterson", "Morrison", "Nowak", "Kowalski", "Okoye", "Mensah", "Chen", "Nguyen",
};

constexpr std::array<const char *, 8> ClientNotes = {
    "Prefers a quiet appointment, no small talk.",
    "Sensitive scalp: use the gentle shampoo.",
    "Allergic to PPD. No permanent colour.",
    "Likes a coffee with oat milk.",
    "Usually runs a few minutes late.",
    "Natural curls: dry cut only.",
    "Pays by card, likes a receipt by email.",
    "Bring the step stool for the basin.",
};

constexpr std::array<const char *, 6> AppointmentNotes = {
    "Wants to go two shades lighter.",
    "First visit: consultation included.",
    "Bringing reference photos.",
    "Birthday this week: offer a glass of fizz.",
    "Called ahead: running ten minutes late.",
    "Same as last time, a little shorter.",
};

// Why a visit was cancelled; chosen by the visit's position, not the random
// stream, so every other value of a seed's salon stays as it was.
constexpr std::array<const char *, 5> CancelReasons = {
    "Unwell.",
    "Work came up; will call to rebook.",
    "Childcare fell through.",
    "Moved to another day.",
    "",
};

// clang-format on

enum class Level { Senior, Mid, Junior, Barber };

// A span of local minutes from midnight on one date.
struct LocalSpan
{
    int start;
    int end;
};

// Time off described in local dates and minutes, turned into UTC at the end.
struct LocalTimeOff
{
    int staff;
    QDate from;
    QDate to;
    int startMinute; // on `from`
    int endMinute;   // on `to`
    const char *reason;
};

struct Planned
{
    SegmentKind kind;
    int minutes;
    int resource;
};

class Generator
{
public:
    explicit Generator(const DemoSalon::Options &options)
        : m_options(options)
        , m_rng(options.seed)
        , m_today(options.today.isValid()
                          ? options.today
                          : SalonTime(QTimeZone(options.timeZone.toUtf8()), Clock::system())
                                    .today())
        , m_zone(options.timeZone.toUtf8())
        , m_idClock(m_today.startOfDay(Qt::UTC).toMSecsSinceEpoch())
    {
        if (!m_zone.isValid())
            m_zone = QTimeZone::utc();
    }

    StoreContents run()
    {
        makeSalon();
        makeResources();
        makeServices();
        makeStaff();
        makeShifts();
        makeClients();
        makeExceptionsAndTimeOff();
        makeStandingAppointments();
        fillBook();
        makeWaitlist();
        finishClients();
        // In time order, with ids in that order too (see newId()).
        std::sort(m_out.appointments.begin(), m_out.appointments.end(),
                  [](const Appointment &a, const Appointment &b) {
                      return a.startsAt() < b.startsAt();
                  });
        for (Appointment &a : m_out.appointments) {
            a.id = newId();
            for (ServiceLine &line : a.lines)
                line.id = newId();
        }
        return std::move(m_out);
    }

private:
    QString newId()
    {
        // Time-ordered (UUIDv7 layout) so rows go into the store's indexes in
        // key order, which keeps bulk writes fast. The "time" is a counter
        // from today's midnight and the rest comes from the seeded generator:
        // the same seed and day give the same store, byte for byte.
        const quint64 ms = quint64(m_idClock++);
        const quint64 hi = (ms << 16) | 0x7000 | (m_rng.generate() & 0x0FFF);
        const quint64 lo = (m_rng.generate64() & ~(quint64(0xC0) << 56)) | (quint64(0x80) << 56);
        const QUuid uuid(uint(hi >> 32), ushort(hi >> 16), ushort(hi), uchar(lo >> 56),
                         uchar(lo >> 48), uchar(lo >> 40), uchar(lo >> 32), uchar(lo >> 24),
                         uchar(lo >> 16), uchar(lo >> 8), uchar(lo));
        return uuid.toString(QUuid::WithoutBraces);
    }

    bool chance(double p) { return m_rng.generateDouble() < p; }
    int pick(int n) { return n <= 1 ? 0 : int(m_rng.bounded(quint32(n))); }

    // UTC seconds of local midnight's clock on `date`, valid for times in
    // opening hours: daylight-saving changes happen at night, so one offset
    // (taken at noon) holds for the whole working day.
    qint64 dayBase(const QDate &date)
    {
        auto it = m_dayBase.constFind(date);
        if (it != m_dayBase.constEnd())
            return *it;
        const int offset = QDateTime(date, QTime(12, 0), m_zone).offsetFromUtc();
        const qint64 base = date.startOfDay(Qt::UTC).toSecsSinceEpoch() - offset;
        m_dayBase.insert(date, base);
        return base;
    }

    qint64 exactLocal(const QDate &date, int minute)
    {
        const QDate d = date.addDays(minute / 1440);
        const int m = minute % 1440;
        return QDateTime(d, QTime(m / 60, m % 60), m_zone).toSecsSinceEpoch();
    }

    void makeSalon()
    {
        m_salon.id = newId();
        m_salon.name = m_options.name;
        m_salon.timeZone = QString::fromUtf8(m_zone.id());
        // Monday and Sunday closed, a late Thursday.
        for (int day = 1; day <= 5; ++day)
            m_salon.openingHours[day] = {9 * 60, 18 * 60};
        m_salon.openingHours[3] = {9 * 60, 20 * 60};
        m_out.salons.append(m_salon);
    }

    void makeResources()
    {
        const int stylists = std::max(0, m_options.stylists);
        const struct
        {
            const char *name;
            const char *kind;
            int count;
        } defs[ResourceKinds] = {
                {"Styling chair", "chair", std::max(6, stylists)},
                {"Basin", "basin", std::max(2, (stylists + 2) / 3)},
                {"Treatment room", "room", 1},
        };
        for (const auto &def : defs) {
            Resource r;
            r.id = newId();
            r.salonId = m_salon.id;
            r.name = QString::fromUtf8(def.name);
            r.kind = QString::fromUtf8(def.kind);
            r.count = def.count;
            m_resourceCount.push_back(def.count);
            m_out.resources.append(r);
        }
    }

    QList<ServiceSegment> toSegments(const std::vector<SegmentDef> &defs) const
    {
        QList<ServiceSegment> segments;
        for (const SegmentDef &def : defs) {
            ServiceSegment s;
            s.kind = def.kind;
            s.minutes = def.minutes;
            if (def.resource >= 0)
                s.resourceIds = {m_out.resources.at(def.resource).id};
            segments.append(s);
        }
        return segments;
    }

    void makeServices()
    {
        for (const ServiceDef &def : serviceDefs()) {
            Service s;
            s.id = newId();
            s.salonId = m_salon.id;
            s.name = QString::fromUtf8(def.name);
            s.category = QString::fromUtf8(def.category);
            s.priceCents = def.priceCents;
            s.segments = toSegments(def.segments);
            s.bufferAfterMinutes = def.bufferAfter;
            s.rebookWeeks = def.rebookWeeks;
            // Colour can cause an allergic reaction: a patch test first.
            s.needsPatchTest = s.category == QLatin1String("Colour");
            m_out.services.append(s);
        }
    }

    static Level levelOf(int index)
    {
        if (index < 2)
            return Level::Senior;
        if (index == 5)
            return Level::Barber;
        switch (index % 3) {
        case 0: return Level::Mid;
        case 1: return Level::Senior;
        default: return Level::Junior;
        }
    }

    static bool performs(Level level, int service)
    {
        switch (level) {
        case Level::Senior: return true;
        case Level::Mid: return service != Balayage && service != Keratin;
        case Level::Junior:
            return service == CutFinish || service == MensCut || service == FringeTrim
                    || service == BlowDry || service == RootTouchUp || service == Toner
                    || service == Conditioning;
        case Level::Barber:
            return service == CutFinish || service == MensCut || service == FringeTrim
                    || service == BeardTrim || service == ScalpTreatment;
        }
        return false;
    }

    QString uniqueStaffName(int index)
    {
        if (index < int(StylistNames.size()))
            return QString::fromUtf8(StylistNames[index].name);
        for (int attempt = 0;; ++attempt) {
            QString name = QString::fromUtf8(FirstNames[pick(FirstNames.size())]) + QLatin1Char(' ')
                    + QString::fromUtf8(LastNames[pick(LastNames.size())]);
            if (attempt > 20)
                name += QLatin1Char(' ') + QString::number(index + 1);
            if (!m_staffNames.contains(name))
                return name;
        }
    }

    void makeStaff()
    {
        using K = SegmentKind;
        const int stylists = std::max(0, m_options.stylists);
        const char *const deskNames[] = {"Grace Wilson", "Nathan Cole"};
        for (const char *name : deskNames)
            m_staffNames.insert(QString::fromUtf8(name)); // so no stylist gets the same name
        for (int i = 0; i < stylists; ++i) {
            Staff s;
            s.id = newId();
            s.salonId = m_salon.id;
            s.name = uniqueStaffName(i);
            m_staffNames.insert(s.name);
            s.role = i == 0 ? StaffRole::Owner : i == 1 ? StaffRole::Manager : StaffRole::Stylist;
            s.colour = i < int(StylistNames.size()) ? QString::fromUtf8(StylistNames[i].colour)
                                                    : extraColour(i);
            const Level level = levelOf(i);
            for (int service = 0; service < ServiceCount; ++service) {
                if (!performs(level, service))
                    continue;
                Skill skill{m_out.services.at(service).id, {}};
                // A few people have their own timing: the owner cuts in 30
                // minutes, juniors take longer over cuts and colour.
                if (i == 0 && service == CutFinish)
                    skill.segmentsOverride = toSegments({{K::Busy, 30, Chair}});
                else if (level == Level::Junior && service == CutFinish)
                    skill.segmentsOverride = toSegments({{K::Busy, 60, Chair}});
                else if (level == Level::Junior && service == RootTouchUp)
                    skill.segmentsOverride = toSegments({{K::Busy, 30, Chair},
                                                         {K::Processing, 30, Chair},
                                                         {K::Busy, 10, Basin},
                                                         {K::Busy, 25, Chair}});
                else if (level == Level::Barber && service == MensCut)
                    skill.segmentsOverride = toSegments({{K::Busy, 25, Chair}});
                s.skills.append(skill);
            }
            m_out.staff.append(s);
            m_stylists.push_back(i);
        }
        // Front desk: no services, but they create most bookings.
        const int frontDesk = stylists > 10 ? 2 : 1;
        for (int i = 0; i < frontDesk; ++i) {
            Staff s;
            s.id = newId();
            s.salonId = m_salon.id;
            s.name = QString::fromUtf8(deskNames[i]);
            s.role = StaffRole::FrontDesk;
            s.colour = QStringLiteral("#9E9E9E");
            m_frontDesk.push_back(m_out.staff.size());
            m_out.staff.append(s);
        }
        // Per-stylist planning tables: segments in their own timing.
        m_plans.resize(stylists);
        for (int i = 0; i < stylists; ++i) {
            const Staff &s = m_out.staff.at(i);
            m_plans[i].resize(ServiceCount);
            for (int service = 0; service < ServiceCount; ++service) {
                const Skill *skill = s.skillFor(m_out.services.at(service).id);
                if (!skill)
                    continue;
                std::vector<Planned> &plan = m_plans[i][service];
                const QList<ServiceSegment> segments = s.segmentsFor(m_out.services.at(service));
                for (const ServiceSegment &seg : segments)
                    plan.push_back({seg.kind, seg.minutes, resourceIndex(seg.resourceIds)});
                const int buffer = serviceDefs()[service].bufferAfter;
                if (buffer > 0)
                    plan.push_back({SegmentKind::Buffer, buffer, -1});
            }
        }
    }

    // Colours for staff beyond the named palette: hues a golden angle apart,
    // muted so black text stays readable on them (no QtGui in core).
    static QString extraColour(int index)
    {
        const double hue = std::fmod(index * 137.508, 360.0) / 60.0;
        const double c = 0.45, x = c * (1 - std::abs(std::fmod(hue, 2.0) - 1)), m = 0.4;
        double r = 0, g = 0, b = 0;
        switch (int(hue)) {
        case 0: r = c, g = x; break;
        case 1: r = x, g = c; break;
        case 2: g = c, b = x; break;
        case 3: g = x, b = c; break;
        case 4: r = x, b = c; break;
        default: r = c, b = x; break;
        }
        auto hex = [](double v) {
            return QStringLiteral("%1").arg(int(v * 255), 2, 16, QLatin1Char('0'));
        };
        return QLatin1Char('#') + hex(r + m) + hex(g + m) + hex(b + m);
    }

    int resourceIndex(const QStringList &ids) const
    {
        if (ids.isEmpty())
            return -1;
        for (int r = 0; r < m_out.resources.size(); ++r) {
            if (m_out.resources.at(r).id == ids.constFirst())
                return r;
        }
        return -1;
    }

    Shift shift(int staff, int weekday, int start, int end, QList<Break> breaks)
    {
        Shift s;
        s.id = newId();
        s.staffId = m_out.staff.at(staff).id;
        s.weekday = weekday;
        s.startMinute = start;
        s.endMinute = end;
        s.breaks = std::move(breaks);
        return s;
    }

    void makeShifts()
    {
        m_shiftsByStaff.resize(m_out.staff.size());
        auto add = [this](int staff, Shift s) {
            m_shiftsByStaff[staff].push_back(m_out.shifts.size());
            m_out.shifts.append(std::move(s));
        };
        const int stylists = int(m_stylists.size());
        // The stylist on a fortnightly Saturday rota (an A/B pattern).
        m_rotaStylist = stylists >= 4 ? 3 : -1;
        const QDate rotaSaturday = m_today.addDays(6 - m_today.dayOfWeek());
        for (int i = 0; i < stylists; ++i) {
            const int lunch = 12 * 60 + (i % 4) * 30;
            const int lunchLength = i % 2 ? 45 : 30;
            const int dayOff = i == 0 ? 6 : i == m_rotaStylist ? 0 : 2 + (i % 4); // weekday
            for (int weekday = 2; weekday <= 6; ++weekday) {
                if (weekday == dayOff)
                    continue;
                if (weekday == 4 && i % 2 == 0) {
                    // Late Thursday: start later, stay until 20:00.
                    const int tea = 15 * 60 + (i % 3) * 30;
                    add(i, shift(i, weekday, 11 * 60, 20 * 60, {{tea, tea + 30}}));
                    continue;
                }
                Shift s = shift(i, weekday, 9 * 60, 18 * 60, {{lunch, lunch + lunchLength}});
                if (weekday == 6 && i == m_rotaStylist) {
                    s.everyWeeks = 2;
                    s.anchorDate = rotaSaturday;
                }
                add(i, std::move(s));
            }
        }
        for (int desk : m_frontDesk) {
            for (int weekday = 2; weekday <= 6; ++weekday) {
                const int end = weekday == 4 ? 20 * 60 : 18 * 60;
                add(desk, shift(desk, weekday, 9 * 60, end, {{13 * 60, 13 * 60 + 30}}));
            }
        }
    }

    QString phoneNumber()
    {
        return QStringLiteral("07%1 %2")
                .arg(100 + pick(900), 3, 10, QLatin1Char('0'))
                .arg(pick(1000000), 6, 10, QLatin1Char('0'));
    }

    void makeClients()
    {
        static const char *const domains[] = {"example.com", "example.org", "example.net",
                                              "mail.example.co.uk"};
        QHash<QString, int> seen;
        const int count = std::max(0, m_options.clients);
        m_out.clients.reserve(count);
        for (int i = 0; i < count; ++i) {
            Client c;
            c.id = newId();
            c.salonId = m_salon.id;
            const QString first = QString::fromUtf8(FirstNames[pick(FirstNames.size())]);
            const QString last = QString::fromUtf8(LastNames[pick(LastNames.size())]);
            c.name = first + QLatin1Char(' ') + last;
            c.phone = phoneNumber();
            if (!chance(0.15)) {
                QString local = (first + QLatin1Char('.') + last).toLower();
                local.remove(QLatin1Char('\''));
                const int n = seen[local]++;
                if (n > 0)
                    local += QString::number(n + 1);
                c.email = local + QLatin1Char('@')
                        + QString::fromUtf8(domains[pick(std::size(domains))]);
            }
            if (chance(0.12))
                c.notes = QString::fromUtf8(ClientNotes[pick(ClientNotes.size())]);
            if (chance(0.6))
                c.patchTestDate = m_today.addDays(-pick(720));
            c.consentSms = chance(0.8);
            c.consentEmail = !c.email.isEmpty() && chance(0.6);
            c.consentPhotos = chance(0.3);
            m_out.clients.append(c);
        }
    }

    QDate nextWorkingDay(int staff, QDate from)
    {
        for (int i = 0; i < 14; ++i, from = from.addDays(1)) {
            if (!patternSpans(staff, from).empty())
                return from;
        }
        return {};
    }

    void makeExceptionsAndTimeOff()
    {
        const int stylists = int(m_stylists.size());
        if (stylists < 3)
            return;
        auto exception = [this](int staff, const QDate &date, bool working, int start, int end,
                                QList<Break> breaks, const char *reason) {
            ShiftException e;
            e.id = newId();
            e.staffId = m_out.staff.at(staff).id;
            e.date = date;
            e.working = working;
            e.startMinute = start;
            e.endMinute = end;
            e.breaks = std::move(breaks);
            e.reason = QString::fromUtf8(reason);
            m_exceptions.push_back({staff, int(m_out.shiftExceptions.size())});
            m_out.shiftExceptions.append(e);
        };
        // A training day off, a Monday wedding party, a shorter day last week.
        if (QDate d = nextWorkingDay(2, m_today.addDays(2)); d.isValid())
            exception(2, d, false, 0, 0, {}, "Colour training course");
        const QDate nextMonday = m_today.addDays(8 - m_today.dayOfWeek());
        exception(std::min(4, stylists - 1), nextMonday, true, 8 * 60, 14 * 60, {},
                  "Bridal party, salon otherwise closed");
        if (QDate d = nextWorkingDay(stylists - 1, m_today.addDays(-8)); d.isValid())
            exception(stylists - 1, d, true, 9 * 60, 15 * 60, {{12 * 60, 12 * 60 + 30}},
                      "Leaving early");

        // Holidays and an afternoon at the doctor's.
        m_timeOff.push_back({std::min(3, stylists - 1), m_today.addDays(9), m_today.addDays(15), 0,
                             1440, "Annual leave"});
        m_timeOff.push_back({stylists - 1, m_today.addDays(-20), m_today.addDays(-16), 0, 1440,
                             "Annual leave"});
        if (QDate d = nextWorkingDay(2, m_today.addDays(1)); d.isValid())
            m_timeOff.push_back({2, d, d, 14 * 60, 18 * 60, "Doctor's appointment"});
        for (const LocalTimeOff &off : m_timeOff) {
            TimeOff t;
            t.id = newId();
            t.staffId = m_out.staff.at(off.staff).id;
            t.startsAt = exactLocal(off.from, off.startMinute);
            t.endsAt = exactLocal(off.to, off.endMinute);
            t.reason = QString::fromUtf8(off.reason);
            m_out.timeOff.append(t);
        }
    }

    // The weekly pattern (or that day's exception), breaks taken out.
    std::vector<LocalSpan> patternSpans(int staff, const QDate &date) const
    {
        int start = -1, end = -1;
        QList<Break> breaks;
        bool excepted = false;
        for (const auto &[who, index] : m_exceptions) {
            const ShiftException &e = m_out.shiftExceptions.at(index);
            if (who == staff && e.date == date) {
                excepted = true;
                if (e.working) {
                    start = e.startMinute;
                    end = e.endMinute;
                    breaks = e.breaks;
                }
            }
        }
        if (!excepted) {
            for (int index : m_shiftsByStaff[staff]) {
                const Shift &s = m_out.shifts.at(index);
                if (s.appliesOn(date)) {
                    start = s.startMinute;
                    end = s.endMinute;
                    breaks = s.breaks;
                    break;
                }
            }
        }
        std::vector<LocalSpan> spans;
        if (start < 0 || end <= start)
            return spans;
        spans.push_back({start, end});
        for (const Break &b : std::as_const(breaks))
            cut(spans, b.startMinute, b.endMinute);
        return spans;
    }

    static void cut(std::vector<LocalSpan> &spans, int start, int end)
    {
        std::vector<LocalSpan> out;
        for (const LocalSpan &s : spans) {
            if (end <= s.start || start >= s.end) {
                out.push_back(s);
                continue;
            }
            if (start > s.start)
                out.push_back({s.start, start});
            if (end < s.end)
                out.push_back({end, s.end});
        }
        spans.swap(out);
    }

    std::vector<LocalSpan> workingSpans(int staff, const QDate &date) const
    {
        std::vector<LocalSpan> spans = patternSpans(staff, date);
        for (const LocalTimeOff &off : m_timeOff) {
            if (off.staff != staff || date < off.from || date > off.to)
                continue;
            cut(spans, date == off.from ? off.startMinute : 0,
                date == off.to ? off.endMinute : 1440);
        }
        return spans;
    }

    AppointmentStatus statusFor(const QDate &date, bool walkIn)
    {
        const double r = m_rng.generateDouble();
        if (date < m_today) {
            if (walkIn)
                return AppointmentStatus::Completed;
            return r < 0.88    ? AppointmentStatus::Completed
                    : r < 0.95 ? AppointmentStatus::Cancelled
                               : AppointmentStatus::NoShow;
        }
        if (date == m_today)
            return walkIn      ? AppointmentStatus::Arrived
                    : r < 0.72 ? AppointmentStatus::Confirmed
                    : r < 0.95 ? AppointmentStatus::Booked
                               : AppointmentStatus::Cancelled;
        const double confirmed = m_today.daysTo(date) <= 2 ? 0.7 : 0.3;
        return r < confirmed ? AppointmentStatus::Confirmed
                : r < 0.95   ? AppointmentStatus::Booked
                             : AppointmentStatus::Cancelled;
    }

    int visitMinutes(int staff, const std::vector<int> &services) const
    {
        int minutes = 0;
        for (int service : services) {
            const std::vector<Planned> &plan = m_plans[staff][service];
            if (plan.empty())
                return -1;
            for (const Planned &p : plan)
                minutes += p.minutes;
        }
        return minutes;
    }

    bool resourcesFree(int staff, const std::vector<int> &services, int start) const
    {
        int minute = start;
        for (int service : services) {
            for (const Planned &p : m_plans[staff][service]) {
                if (p.resource >= 0) {
                    const int from = minute / SlotMinutes;
                    const int to = std::min(SlotsPerDay, (minute + p.minutes) / SlotMinutes);
                    for (int slot = from; slot < to; ++slot) {
                        if (m_grid[p.resource * SlotsPerDay + slot] >= m_resourceCount[p.resource])
                            return false;
                    }
                }
                minute += p.minutes;
            }
        }
        return true;
    }

    // Writes the visit, holds its resources, returns the appointment index.
    int book(int staff, const std::vector<int> &services, const QDate &date, int start,
             const QString &seriesId = {})
    {
        const qint64 base = dayBase(date);
        const bool past = date <= m_today;
        const bool walkIn = past && seriesId.isEmpty() && chance(0.06);
        Appointment a;
        a.id = newId();
        a.salonId = m_salon.id;
        if (!m_out.clients.isEmpty() && !(walkIn && chance(0.5)))
            a.clientId = m_out.clients.at(pick(m_out.clients.size())).id;
        a.status = statusFor(date, walkIn);
        a.walkIn = walkIn;
        a.seriesId = seriesId;
        int minute = start;
        qint64 price = 0;
        for (int service : services) {
            ServiceLine line;
            line.id = newId();
            line.serviceId = m_out.services.at(service).id;
            line.staffId = m_out.staff.at(staff).id;
            for (const Planned &p : m_plans[staff][service]) {
                BookedSegment seg;
                seg.kind = p.kind;
                seg.startsAt = base + minute * 60;
                seg.endsAt = seg.startsAt + p.minutes * 60;
                if (p.resource >= 0) {
                    seg.resourceIds = m_resourceIds[p.resource];
                    if (holdsTime(a.status)) {
                        const int from = minute / SlotMinutes;
                        const int to = std::min(SlotsPerDay, (minute + p.minutes) / SlotMinutes);
                        for (int slot = from; slot < to; ++slot)
                            ++m_grid[p.resource * SlotsPerDay + slot];
                    }
                }
                line.segments.append(seg);
                minute += p.minutes;
            }
            price += m_out.services.at(service).priceCents;
            a.lines.append(line);
        }
        if (!past && price >= 9000 && chance(0.5))
            a.depositCents = 2000;
        if (chance(0.06))
            a.notes = QString::fromUtf8(AppointmentNotes[pick(AppointmentNotes.size())]);
        const QString &desk = m_out.staff.at(m_frontDesk[pick(int(m_frontDesk.size()))]).id;
        const qint64 startsAt = base + start * 60;
        a.createdBy = walkIn || chance(0.2) ? m_out.staff.at(staff).id : desk;
        a.createdAt = walkIn ? startsAt - 10 * 60 : startsAt - (1 + pick(42)) * 86400 - pick(36000);
        a.changedBy = a.createdBy;
        a.changedAt = a.createdAt;
        if (a.status == AppointmentStatus::Completed || a.status == AppointmentStatus::NoShow) {
            a.changedBy = desk;
            a.changedAt = base + minute * 60;
        } else if (a.status == AppointmentStatus::Cancelled
                   || a.status == AppointmentStatus::Confirmed) {
            a.changedBy = desk;
            a.changedAt = std::min(startsAt - 3600, a.createdAt + (1 + pick(5)) * 86400);
        }
        if (a.status == AppointmentStatus::Cancelled)
            a.cancelReason = QString::fromUtf8(
                    CancelReasons[m_out.appointments.size() % CancelReasons.size()]);
        m_out.appointments.append(std::move(a));
        return int(m_out.appointments.size()) - 1;
    }

    void makeStandingAppointments()
    {
        m_resourceIds.clear();
        for (const Resource &r : std::as_const(m_out.resources))
            m_resourceIds.append(QStringList{r.id});
        if (m_stylists.size() < 2 || m_out.clients.isEmpty() || m_options.appointments < 40)
            return;
        struct Plan
        {
            int staff;
            int service;
            int weeks;
            int count;
        };
        const Plan plans[] = {{0, CutFinish, 6, 8}, {1, RootTouchUp, 4, 10}};
        for (const Plan &plan : plans) {
            // First visit a few rounds ago on a day the stylist works every week.
            QDate first = m_today.addDays(-7 * plan.weeks * 3);
            first = nextWorkingDay(plan.staff, first.addDays(2 - first.dayOfWeek()));
            if (!first.isValid())
                continue;
            StandingAppointment s;
            s.id = newId();
            s.salonId = m_salon.id;
            s.clientId = m_out.clients.at(pick(m_out.clients.size())).id;
            s.rrule = QStringLiteral("FREQ=WEEKLY;INTERVAL=%1;COUNT=%2")
                              .arg(plan.weeks)
                              .arg(plan.count);
            s.firstStartsAt = dayBase(first) + 10 * 60 * 60;
            m_out.standingAppointments.append(s);
            for (int i = 0; i < plan.count; ++i) {
                const QDate date = first.addDays(7 * plan.weeks * i);
                const int index = book(plan.staff, {plan.service}, date, 10 * 60, s.id);
                Appointment &a = m_out.appointments[index];
                a.clientId = s.clientId;
                a.walkIn = false;
                const int minutes = visitMinutes(plan.staff, {plan.service});
                m_reserved.insert(qMakePair(plan.staff, date),
                                  LocalSpan{10 * 60, 10 * 60 + minutes});
                m_reservedIndex.insert(qMakePair(plan.staff, date), index);
            }
        }
        // Their resources are held when their day is filled.
        std::fill(m_grid.begin(), m_grid.end(), 0);
    }

    std::vector<int> chooseVisit(int staff, int room)
    {
        if (chance(0.3)) {
            const auto &list = combos();
            const std::vector<int> &combo = list[pick(int(list.size()))];
            const int minutes = visitMinutes(staff, combo);
            if (minutes > 0 && minutes <= room)
                return combo;
        }
        for (int attempt = 0; attempt < 4; ++attempt) {
            int total = 0;
            for (int service = 0; service < ServiceCount; ++service) {
                if (!m_plans[staff][service].empty())
                    total += serviceDefs()[service].weight;
            }
            int r = pick(total);
            for (int service = 0; service < ServiceCount; ++service) {
                if (m_plans[staff][service].empty())
                    continue;
                r -= serviceDefs()[service].weight;
                if (r < 0) {
                    const int minutes = visitMinutes(staff, {service});
                    if (minutes <= room)
                        return {service};
                    break;
                }
            }
        }
        return {};
    }

    // Another client in the stylist's chair while colour develops.
    void fillProcessing(int staff, const std::vector<int> &visit, const QDate &date, int start)
    {
        int minute = start;
        for (int service : visit) {
            for (const Planned &p : m_plans[staff][service]) {
                if (p.kind == SegmentKind::Processing && p.minutes >= 20 && chance(0.45)
                    && m_remaining > 0) {
                    const int filler = FillerServices[pick(FillerServices.size())];
                    const int minutes = visitMinutes(staff, {filler});
                    const int at = minute + 5;
                    if (minutes > 0 && minutes + 5 <= p.minutes
                        && resourcesFree(staff, {filler}, at)) {
                        book(staff, {filler}, date, at);
                        --m_remaining;
                    }
                }
                minute += p.minutes;
            }
        }
    }

    void fillDay(int staff, const QDate &date, double gapChance)
    {
        const std::vector<LocalSpan> spans = workingSpans(staff, date);
        const auto key = qMakePair(staff, date);
        const bool hasReserved = m_reserved.contains(key);
        const LocalSpan reserved = m_reserved.value(key);
        for (const LocalSpan &span : spans) {
            int cursor = span.start;
            while (cursor < span.end && m_remaining > 0) {
                if (hasReserved && cursor >= reserved.start && cursor < reserved.end) {
                    cursor = (reserved.end + GridMinutes - 1) / GridMinutes * GridMinutes;
                    continue;
                }
                if (chance(gapChance)) {
                    cursor += GridMinutes;
                    continue;
                }
                int room = span.end - cursor;
                if (hasReserved && reserved.start >= cursor)
                    room = std::min(room, reserved.start - cursor);
                const std::vector<int> visit = chooseVisit(staff, room);
                if (visit.empty() || !resourcesFree(staff, visit, cursor)) {
                    cursor += GridMinutes;
                    continue;
                }
                book(staff, visit, date, cursor);
                --m_remaining;
                fillProcessing(staff, visit, date, cursor);
                const int end = cursor + visitMinutes(staff, visit);
                cursor = (end + GridMinutes - 1) / GridMinutes * GridMinutes;
            }
        }
    }

    void holdReserved(const QDate &date)
    {
        for (int staff : m_stylists) {
            const int index = m_reservedIndex.value(qMakePair(staff, date), -1);
            if (index < 0)
                continue;
            const Appointment &a = m_out.appointments.at(index);
            if (!holdsTime(a.status))
                continue;
            const qint64 base = dayBase(date);
            for (const ServiceLine &line : a.lines) {
                for (const BookedSegment &seg : line.segments) {
                    const int r = resourceIndex(seg.resourceIds);
                    if (r < 0)
                        continue;
                    for (qint64 t = seg.startsAt; t < seg.endsAt; t += SlotMinutes * 60)
                        ++m_grid[r * SlotsPerDay + int((t - base) / 60 / SlotMinutes)];
                }
            }
        }
    }

    void fillBook()
    {
        m_remaining = std::max(0, m_options.appointments) - int(m_out.appointments.size());
        if (m_stylists.empty())
            return;
        // Days in the order today, -1, +1, -2, -3, +2, -4, -5, +3, ...: the
        // past holds about two thirds of the book, the future thins out.
        int past = 0, future = 0;
        for (int step = 0; m_remaining > 0 && step < 20000; ++step) {
            QDate date;
            double gap = 0.3;
            if (step == 0) {
                date = m_today;
            } else if (step % 3 == 2) {
                ++future;
                date = m_today.addDays(future);
                gap = std::min(0.85, 0.3 + 0.015 * future);
            } else {
                ++past;
                date = m_today.addDays(-past);
            }
            std::fill(m_grid.begin(), m_grid.end(), 0);
            holdReserved(date);
            for (int staff : m_stylists)
                fillDay(staff, date, gap);
        }
    }

    void makeWaitlist()
    {
        if (m_out.clients.isEmpty() || m_out.services.isEmpty())
            return;
        const int wanted[][2] = {{Balayage, -1},
                                 {CutFinish, 2},
                                 {FullColour, 0},
                                 {BlowDry, -1},
                                 {ScalpTreatment, -1}};
        const char *const notes[] = {"Any Saturday morning", "Can come at short notice", "",
                                     "Before the 20th, for a wedding", "Afternoons only"};
        for (int i = 0; i < int(std::size(wanted)); ++i) {
            WaitlistEntry e;
            e.id = newId();
            e.salonId = m_salon.id;
            e.clientId = m_out.clients.at(pick(m_out.clients.size())).id;
            e.serviceIds = {m_out.services.at(wanted[i][0]).id};
            if (wanted[i][1] >= 0 && wanted[i][1] < int(m_stylists.size()))
                e.staffId = m_out.staff.at(wanted[i][1]).id;
            e.earliest = m_today.addDays(i);
            e.latest = m_today.addDays(14 + 3 * i);
            e.notes = QString::fromUtf8(notes[i]);
            e.createdAt = dayBase(m_today.addDays(-1 - i)) + (10 + i) * 3600;
            m_out.waitlist.append(e);
        }
    }

    void finishClients()
    {
        QHash<QString, int> noShows;
        for (const Appointment &a : std::as_const(m_out.appointments)) {
            if (a.status == AppointmentStatus::NoShow && !a.clientId.isEmpty())
                ++noShows[a.clientId];
        }
        for (Client &c : m_out.clients)
            c.noShowCount = noShows.value(c.id);
    }

    DemoSalon::Options m_options;
    QRandomGenerator m_rng;
    QDate m_today;
    QTimeZone m_zone;
    qint64 m_idClock = 0; // the "time" of the next id, in ms
    StoreContents m_out;
    Salon m_salon;
    std::vector<int> m_resourceCount;
    QList<QStringList> m_resourceIds;
    std::vector<int> m_stylists;  // indices into m_out.staff
    std::vector<int> m_frontDesk; // indices into m_out.staff
    int m_rotaStylist = -1;
    QSet<QString> m_staffNames;
    std::vector<std::vector<std::vector<Planned>>> m_plans; // [stylist][service]
    std::vector<std::vector<int>> m_shiftsByStaff;
    std::vector<std::pair<int, int>> m_exceptions; // (staff, index in shiftExceptions)
    std::vector<LocalTimeOff> m_timeOff;
    QHash<QPair<int, QDate>, LocalSpan> m_reserved; // standing visits, by stylist and day
    QHash<QPair<int, QDate>, int> m_reservedIndex;
    QHash<QDate, qint64> m_dayBase;
    std::vector<quint16> m_grid = std::vector<quint16>(ResourceKinds * SlotsPerDay, 0);
    int m_remaining = 0;
};

} // namespace

StoreContents DemoSalon::generate(const Options &options)
{
    return Generator(options).run();
}

Result<QString> DemoSalon::write(Store &store, const Options &given)
{
    Options options = given;
    if (!options.today.isValid())
        options.today = SalonTime(QTimeZone(options.timeZone.toUtf8()), store.clock()).today();
    const StoreContents contents = generate(options);
    const Result<void> written = store.insertAll(contents, /*withOutbox*/ false);
    if (!written)
        return written.error();
    return contents.salons.constFirst().id;
}

} // namespace chairside
