<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PatchTest</name>
    <message>
        <source>%1 needs one taken before the visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 each need one taken before the visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs one taken at least %2 hours before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 each need one taken at least %2 hours before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs one taken at most %2 days before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 each need one taken at most %2 days before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no patch test on record; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s patch test of %2 is after the visit; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s patch test of %2 was taken less than %3 hours before; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s patch test of %2 is older than %3 days; %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreArchive</name>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is an empty list; leave it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a field Chairside knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not match the times of its services (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be a time in UTC written as 2026-12-01T10:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be a date written as 2026-12-01, or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be null (closed) or [open, close] in minutes from midnight, opening before closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>should have %n entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>should be %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read back as written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing (write [] for none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>should be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeats the id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refers to an unknown %1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a service without an id of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not valid JSON (at byte %1: %2). Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a Chairside export (it has no &quot;format&quot;: &quot;%1&quot;). Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not part of a Chairside export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a valid Chairside export; nothing was imported: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not part of a version %1 export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is a Chairside export of version %1; this Chairside reads versions %2 to %3. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside</name>
    <message>
        <source>Chairside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment book for the salon front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a demo salon (created on first use).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the appointment book in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &lt;date&gt; (YYYY-MM-DD) instead of today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date; use YYYY-MM-DD, e.g. 2026-12-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move an appointment to a new start (and stylist).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel an appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set an appointment&apos;s status (confirmed, arrived, no-show, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move an appointment: the same services, re-planned from the new start, checked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New start in salon time, e.g. 2026-12-01T11:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New stylist for every service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STAFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move even over conflicts (recorded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel an appointment; it no longer holds time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the status: booked → confirmed → arrived → in-service → completed, or cancelled / no-show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who makes the change (default: the login name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the appointment&apos;s id and the new status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the appointment&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a status; use booked, confirmed, arrived, in-service, completed, cancelled or no-show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the new start with --start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no appointment with the id “%1” in this salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment does not fit there (add --overbook to move it anyway):
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book a visit, or a standing appointment with --repeat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book a visit. Services follow one another in the order given. One --staff does every service; or give one stylist per service, in the same order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service (repeatable, or comma-separated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SERVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stylist (repeatable, one per service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client, by name, phone or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLIENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in salon time, e.g. 2026-12-01T10:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A walk-in (no client needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (up to 10,000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deposit taken, e.g. 20 or 20.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMOUNT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book even over conflicts (a manager&apos;s call; recorded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A standing appointment: an RFC 5545 rule, e.g. FREQ=WEEKLY;INTERVAL=6;COUNT=8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RRULE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who books it (default: the login name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A booking needs --service, --staff and --start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A booking needs --client, or --walk-in for a walk-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one --staff for the whole visit, or one per service (%1 services, %2 stylists).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking does not fit (add --overbook to book it anyway):
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked %1 visits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the %1 by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 called “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could be more than one %2: %3. Give the full name or the id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stylist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one service with --service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Exit status: 0 done, 2 usage error, 3 refused (validation, conflict, not found), 1 other failure (storage, damaged file).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Argument %1 is not valid text in this system&apos;s encoding (UTF-8): “%2”. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 See “chairside-cli --help”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a command, e.g. “chairside-cli list”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a command. See “chairside-cli --help”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the store in DIR (default: the user&apos;s data folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print results as JSON (see docs/cli.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work on this salon (id or name); needed when the store has several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SALON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 See “chairside-cli %2 --help”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the store. Check that it can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has no salon yet. Create one with “chairside-cli salons add” or try “chairside-cli demo”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has several salons (%1); choose one with --salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no salon called “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several salons are called “%1”; give the salon&apos;s id with --salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon “%1” has a time zone Chairside does not know (“%2”). Fix it with “chairside-cli salons edit --time-zone”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List or search clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a client without upcoming appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients: list (search by name or phone), add, edit, remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHONE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the last patch test, or &quot;none&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they agreed to, comma-separated from sms, email, photos, or &quot;none&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a consent; use sms, email, photos or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List clients, or those whose name or phone contains --search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of a name or phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new client needs --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a client. One with upcoming appointments is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 upcoming appointments; cancel them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a whole number, not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be between %2 and %3; %4 is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs an amount such as 45 or 45.50, not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes yes or no, not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text for %1 is %2 characters long; keep it to %3 at most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a step; write steps as busy:30 or processing:35, optionally with resources: busy:30@Chair+Basin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a kind of step; use busy or processing (the clean-up time after a service is --buffer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step “%1” lasts %2 minutes; every step must last at least a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service needs at least one step, e.g. --segments busy:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The steps add up to %1 minutes; a service must fit in a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a break; write it as 13:00-13:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The break %1 ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The break %1 is not inside the shift %2-%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected “%1”; give one %2 (quote names with spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill an empty store with a demo salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a realistic demo salon: stylists with shifts and breaks, a menu with processing time and resources, clients and a book around --today. The same seed gives the same salon. A store with data is refused unless --replace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of stylists (default 6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of clients (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of appointments (default 400).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the book is centred on (default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s time zone (default Europe/London).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZONE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything already in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>salon&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store already has data; add --replace to replace all of it with the demo salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo generator made no salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote the demo salon “%1” (%2 staff, %3 services, %4 clients, %5 appointments) in %6 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole store as JSON (stdout or --output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole store (every salon, every appointment with its segments) as one JSON document. “import” restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to FILE instead of stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the store from an export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the store from a file written by “export” (use - for stdin). A store that already has data is only replaced with --replace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a Chairside export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store already has data; add --replace to replace all of it with the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 salons, %2 staff, %3 clients and %4 appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store: path, schema version, salons, changes waiting to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1
Schema version: %2
Salons: %3
Changes waiting to sync: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments between two dates, optionally for one stylist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments with any part between --from and --to (dates are whole days, --to inclusive; default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day (or a date and time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day (or a date and time); default: --from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this stylist&apos;s appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only appointments with this status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the range (%1) is before its start (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 (%3)%4  services: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 [%3]  %4 min (%5, buffer %6 min)  %7%8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 (%3) × %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  no-shows: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3 %4-%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  breaks %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  every %1 weeks from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>works %1-%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3 %4  %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  off %3 – %4  %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2–%3  %4  %5  [%6]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  OVERBOOKED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2  %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5 – %6  %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any stylist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List chairs, basins, rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a resource no service uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairs, basins, rooms: list, add, edit, remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its name, e.g. Basin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chair, basin, room, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many the salon has (1-1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new resource needs --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource, by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a resource. One that a service still uses is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used by %2; change those services first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the salons in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a salon&apos;s name, time zone or hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salons: list, add, edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IANA time zone, e.g. Europe/London.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening hours, e.g. &quot;mon-fri=09:00-18:00,sat=09:00-16:00,sun=closed&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOURS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not opening hours; write e.g. mon-fri=09:00-18:00 or sun=closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not opening hours; write e.g. 09:00-18:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon closes (%1) before it opens (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a salon. Without --hours it opens Monday to Saturday, 09:00-18:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new salon needs --name and --time-zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added salon %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the salon chosen with --salon (or the only one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed salon %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date and time; write it as 2026-12-01T10:00 (salon time) or with an offset, e.g. 2026-12-01T10:00+01:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a real date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time of day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time zone offset; offsets run from -14:00 to +14:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 does not exist in %3: the clocks change then. Pick a time before or after the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date; write it as 2026-12-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time of day; write it as 09:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a time zone Chairside knows; use an IANA name such as Europe/London.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the service menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a service that is not booked ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service menu: list, add, edit, remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu category, e.g. Colour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CATEGORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price, e.g. 45 or 45.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps in order, e.g. &quot;busy:30,processing:35,busy:30&quot;; add resources a step holds with @, e.g. busy:15@Basin+Chair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STEPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean-up minutes after the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MINUTES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources every step holds, comma-separated (besides those given with @).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RESOURCES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes, or no for a service no longer offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YES|NO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a service to the menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new service needs --name and --segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a service. Booked visits keep the timing they were booked with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service, by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a service. One that is booked ahead is refused; use “services edit --active no” for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is booked in %2 upcoming appointments; use “services edit --active no” to stop offering it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which day with --day, e.g. mon or mon-fri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shift ends (%1) before it starts (%2). For a shift past midnight write the end as e.g. 26:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shift must start within its day and last at most 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly shifts, exceptions and time off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a weekly shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a weekly shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a shift, exception or time off by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A day off or different hours on one date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday, sickness, training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who works when: list, add, edit, remove, exception, time-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stylist, by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day(s) of the week: mon, mon-fri, mon,wed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start, e.g. 09:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End, e.g. 17:00 (26:00 for 02:00 the next morning).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A break, e.g. 13:00-13:30 (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FROM-TO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat every N weeks (1-4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A date in a week the pattern applies to (with --every).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First date the pattern applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last date the pattern applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shift&apos;s last date comes before its first date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly shifts, plus exceptions and time off between --from and --to (default: the next eight weeks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this stylist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last date (inclusive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --to need dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to (%1) is before --from (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a weekly shift, one per day given with --day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new shift needs --staff, --day, --start and --end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a weekly shift (its id is in “shifts list”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shift&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift (by id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no weekly shift with the id “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shift is on one day; give one day with --day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a weekly shift, an exception or time off, by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The id from “shifts list”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift, exception or time off (by id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no shift, exception or time off with the id “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace a stylist&apos;s weekly pattern on one date: a day off (--off) or different hours (--start, --end, --break).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not working that day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start, e.g. 10:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End, e.g. 14:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A break, e.g. 12:00-12:30 (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, in a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exception needs --staff and --date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --off, or --start and --end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give both --start and --end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off from --start to --end: dates (whole days, --end inclusive) or dates and times in salon time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day, or a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day, or a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, e.g. Holiday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off needs --staff, --start and --end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time off ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free starts for a visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free starts for a visit between --from and --to (dates are whole days, --to inclusive; default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service (repeatable, or comma-separated), in order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this stylist (default: anyone who does every service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes between starts (default 15).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N slots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which services with --service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for slots within a year at most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free slots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the salon&apos;s staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a person without upcoming appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stylists and other staff: list, add, edit, remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner, manager, front-desk or stylist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their colour in the book, #RRGGBB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COLOUR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The services they do, comma-separated (replaces the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SERVICES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their own timing for a service, e.g. &quot;Cut &amp; Finish=busy:45&quot; (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SERVICE=STEPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes, or no for someone who no longer takes bookings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a role; use owner, manager, front-desk or stylist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a colour; write it as #RRGGBB, e.g. #E57373.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a timing; write it as SERVICE=busy:45.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person to the salon (a stylist unless --role says otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new person needs --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a person&apos;s details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person, by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a person. Someone with upcoming appointments is refused; use “staff edit --active no” for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 upcoming appointments; move or cancel them first, or use “staff edit --active no”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: chairside-cli %1 VERB [options]

%2

Verbs:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
“chairside-cli %1 VERB --help” shows a verb&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs a verb: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not something “%2” can do; use one of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a client on the waitlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take an entry off the waitlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The waitlist: list, add, remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is waiting, oldest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a client on the waitlist for one or more services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wanted stylist (default: anyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest date (default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest date (default: four weeks after --from).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A waitlist entry needs --client and --service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latest date comes before the earliest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waitlist entry (by id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no waitlist entry with the id “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment is already %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An appointment that is %1 cannot become %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no salon “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon “%1” has an unknown time zone “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service “%1” in this salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stylist “%1” in this salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no client “%1” in this salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a client, or book the visit as a walk-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes are %1 characters long; keep them under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deposit cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repeat rule “%1” gives no dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no appointment “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment is %1; it cannot be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the range is before its start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step between slots must be between 1 minute and a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <comment>time range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <comment>date in a booking problem</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMMM</source>
        <comment>date in a range of days</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <comment>range of days in one month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d</source>
        <comment>first day of a range in one month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <comment>range of days across months</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment has no services; add at least one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stylist “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no time booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a step that ends before it starts or lasts no time; every step must last at least a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has steps that overlap each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no resource “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not do %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on time off %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on time off (%2) %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on a break %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not working at %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is with another client %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No %1 free at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repeat rule “%1” is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty; write e.g. FREQ=WEEKLY;INTERVAL=6;COUNT=8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salon&apos;s time zone is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it needs a FREQ and only RFC 5545 parts, with COUNT or UNTIL but not both, e.g. FREQ=WEEKLY;INTERVAL=6;COUNT=8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its parts do not fit together for this start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no duration set up; add its steps first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a step of %2 minutes; every step must last at least a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a negative clean-up time of %2 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the store to schema version %1: %2. The store file was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>salon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift exception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standing appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waitlist entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file %1 cannot be written. Check that the disk is not read-only and that you may change the file, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file %1 cannot be opened. Check that its folder exists and that you may write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file %1 is damaged (%2). Restore it from a backup or import an export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding %1 is full. Free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file %1 stayed locked by another program. Close other Chairside windows using it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change refers to a salon or staff member that is not in the store. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change clashes with what the store already holds (%1). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not use the store file %1: %2. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no staff member with id %1, so the %2 was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written, so Chairside cannot keep its appointment book there. Make it writable or choose another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Chairside store (it belongs to another program or is not a database). It was left untouched; choose another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store file was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file %1 was written by a newer version of Chairside (schema %2; this version knows up to %3). Update Chairside to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 with id %2; nothing was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 %2 belongs to a salon (%3) that is neither in the store nor being added, so nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no staff member with id %1, so the %2 %3 was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment book file is damaged: %1

Keep working only to read what you need, and restore the book from your last export (chairside-cli import).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a stylist&apos;s calendar account (signs in in a browser).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The accounts connected on this computer and their state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew an account&apos;s access now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke an account&apos;s access where the provider allows it, and forget it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stylists&apos; calendar accounts: connect, list, refresh, disconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a stylist&apos;s Google, Microsoft or OpenID Connect calendar account: sign in in the browser; Chairside keeps its access in this computer&apos;s keychain. Waits for the sign-in, at most 10 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stylist whose calendar it is, by name or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STYLIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>google, microsoft or oidc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROVIDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft only: common (default), organizations, consumers, a tenant id or domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TENANT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oidc only (and needed there): the OpenID Connect server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s client id at the provider (default: settings or the build&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only print the address to open; start no browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting an account needs --staff and --provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a provider; use google, microsoft or oidc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tenant is only for --provider microsoft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--issuer is only for --provider oidc; Google and Microsoft have their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--provider oidc needs --issuer, the address of the OpenID Connect server (e.g. https://id.example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected %1 for %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in for %1 in the browser that opened. If no browser appeared, open this address:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be started. Open this address in a browser to sign in for %1:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in for %1:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the sign-in (at most 10 minutes; Ctrl+C gives up)…
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar accounts connected on this computer: whose they are, their state and last error. No secret is ever shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this stylist&apos;s accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calendar account is connected on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no calendar account connected on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stylist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ! needs reconnect: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect the account again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  last error: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew an account&apos;s access now (Chairside also does this on its own shortly before it runs out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s id or email, or a stylist with one account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account (id, email or stylist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed %1 (%2) for %3: access is valid until %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect an account: the provider is told to revoke Chairside&apos;s access where it allows that, then the account and its keychain entry are removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected %1 (%2) for %3: the provider revoked Chairside&apos;s access, and the account and its keychain entry are gone from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected %1 (%2) for %3: the account and its keychain entry are gone from this computer. %2 offers no way to revoke Chairside&apos;s access from here; to end it, remove Chairside from the account&apos;s app permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several accounts use %1: %2. Give the account&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no calendar account “%1” on this computer. Give the account&apos;s id or email, or a stylist with one account (see “chairside-cli account list”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has several calendar accounts: %2. Give the account&apos;s id or email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenID Connect at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no longer in the store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Microsoft sign-in did not say which tenant the account belongs to (its tenant id is missing or malformed), so Chairside cannot check who issued it. Try connecting again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data-dir needs a folder; it cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“account connect” takes options only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“account list” takes options only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the appointment&apos;s id; it cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote names with spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: chairside-cli [--data-dir DIR] [--json] [--salon SALON] COMMAND [options]

The salon&apos;s appointment book from the command line, on the local store.

Global options (before or after the command):
  --data-dir DIR   keep the store in DIR (default: the user&apos;s data folder)
  --json           print results as JSON (see docs/cli.md)
  --salon SALON    the salon to work on (id or name), when there are several
  --verbose        print the modules&apos; logs on stderr
  -h, --help       show help; “chairside-cli COMMAND --help” for a command
  -v, --version    show the version

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the modules&apos; logs on stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value; it cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use --output FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This book is shared with the salon&apos;s server, so it cannot be replaced by rows that are not to be shared (such as the demo salon). Keep the demo in a data folder of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is cancelled (up to 10,000 characters); kept with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits from %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chairside-cli: warning: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long before a visit a patch test must be taken, at least (0 to 720 hours; a new salon: 48).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a patch test counts for, at most (1 to 3650 days; a new salon: 183).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weeks after which to offer the next visit when this one is completed (0 to 52; 0 offers none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEEKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes if the client needs a valid patch test for this service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is %1 characters long; keep it under %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::AccountManager</name>
    <message>
        <source>There is no connected account &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is being disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain of this computer cannot be used right now, so the %1 account could not be refreshed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside&apos;s access to the %1 account %2 is missing from this computer&apos;s keychain: connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer accepts Chairside&apos;s access for %2: connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 account could not be refreshed; Chairside will try again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 account was refreshed, but the keychain of this computer could not store it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 account could not be disconnected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 account was removed from this computer, but %1 could not be told to revoke Chairside&apos;s access: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::CalendarAccounts</name>
    <message>
        <source>The account was signed in but could not be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A calendar account is being connected already. Finish or cancel that sign-in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which stylist&apos;s calendar to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::CalendarAccountsDialog</name>
    <message>
        <source>Calendar accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each stylist can connect their own Google or Microsoft calendar. Chairside opens the sign-in page in your web browser and comes back here when it is done. The sign-in is kept in this computer&apos;s keychain, never in the appointment book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect %1 (%2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside forgets this sign-in on this computer and asks %1 to end its access where %1 allows it. The calendar itself is not changed, and the stylist can connect again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar account was disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnecting %1 (%2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs reconnect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to %1 again as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web browser could not be opened. Copy this address into your browser to sign in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Google calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect Microsoft calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This salon has no stylists yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no salon in this book yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not a working stylist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a stylist of this salon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::DayView</name>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the rota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · overbooked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 with %4&lt;br&gt;%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::IdTokenVerifier</name>
    <message>
        <source>The sign-in server&apos;s keys have not been fetched yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch the sign-in server&apos;s keys from %1 (%2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s key set is too large to be genuine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s key set is not a JWK Set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s key set has no RSA or P-256 signing key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s identity token was refused: %1. Try signing in again; if it keeps happening, the server may be misconfigured or impersonated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a signed JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its parts cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is signed with &apos;%1&apos;, which Chairside does not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it demands extensions Chairside does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is signed with a key the server does not publish (&apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its key is meant for %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its key is not an RSA key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s RSA key is unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its key is not an elliptic-curve key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s P-256 key is unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its signature does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it comes from &apos;%1&apos; instead of &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names no user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was issued to another application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has several audiences but no authorized party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was issued for another application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no issue time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was issued in the future; check this computer&apos;s clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it belongs to another sign-in (nonce mismatch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::LoopbackCodeFlow</name>
    <message>
        <source>This sign-in has been started already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in could not be completed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::LoopbackReceiver</name>
    <message>
        <source>A sign-in is already waiting for the browser. Finish or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in could not start because its details are incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in expired before it started. Please start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside could not open a local port to receive the sign-in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside could not open a local port to receive the sign-in. Close other programs that use many network ports and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in took too long and was stopped. Start it again when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can close this window and return to Chairside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was too large for Chairside to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside only accepts the browser&apos;s return from a sign-in here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside could not read this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sign-in waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside is not waiting for a sign-in any more. Return to Chairside to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside is waiting for the sign-in at another address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This page does not belong to the sign-in Chairside is waiting for, so it was ignored. If you started a sign-in, finish it in the browser window Chairside opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer to this sign-in came from %1 instead of %2. Chairside stopped the sign-in to keep the account safe; please start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access was not granted in the browser, so the account is not connected. Start the sign-in again and allow access to connect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server refused the sign-in (%1). Try again later; if it keeps failing, check the account&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server says: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server did not send an authorization code. Please start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server sent an authorization code Chairside cannot use. Please start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::MainWindow</name>
    <message>
        <source>Chairside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no salon in this book yet.

Add one with chairside-cli, or start Chairside with --demo to try a demo salon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment book could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Chairside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salon closed: nobody is on the rota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits: %1  ·  Stylists working: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — every change is saved on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — changes waiting to sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deposit paid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect each stylist&apos;s Google or Microsoft calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the calendar accounts to reconnect them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar accounts need reconnecting: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::OidcDiscovery</name>
    <message>
        <source>The sign-in server has not been looked up yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a sign-in server address Chairside can use: it must start with https:// (or http:// on this computer, for testing) and have no ?query or #part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the sign-in server %1: %2. Check the address and the network, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server %1 has no OpenID configuration (HTTP %2 for %3). Check the issuer address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenID configuration of %1 is too large to be genuine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenID configuration of %1 is not valid JSON. Check the issuer address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server calls itself &apos;%1&apos; instead of &apos;%2&apos;. Chairside refuses it; check the issuer address, including any trailing slash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenID configuration of %1 has no %2, so Chairside cannot sign in there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenID configuration of %1 gives an unusable %2 (&apos;%3&apos;): it must be an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server %1 does not support PKCE with S256, which Chairside requires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server %1 is busy or failing (HTTP %2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::SignIn</name>
    <message>
        <source>A sign-in is already in progress. Finish or cancel it before starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in cannot start: the provider&apos;s address or the client id is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server did not say who signed in (no ID token). Check that the provider supports OpenID Connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server did not grant lasting access (no refresh token), so Chairside could not stay connected. Sign in again and allow offline access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairside could not check who signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s answer could not be trusted, so the account was not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but Chairside could not keep the account in the system keychain: %1 Nothing was saved; connect the account again once the keychain is available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::TokenClient</name>
    <message>
        <source>This provider offers no way to revoke a sign-in; it is only forgotten on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::TokenReply</name>
    <message>
        <source>The sign-in server has not answered yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the sign-in server: %1. Nothing was changed; try again when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server sent an answer too large to be genuine (HTTP %1). Nothing was changed; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in for this account is no longer valid (the server said &quot;%1&quot;). Connect the account again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server refused the request (&quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server is busy or failing (HTTP %1). Nothing was changed; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server gave an unexpected answer (HTTP %1). Check the server address and client id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s answer could not be read (it is not JSON). Nothing was changed; try again, and if it keeps happening, tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server&apos;s answer has no access token. Nothing was changed; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server issued a token of type &apos;%1&apos;; Chairside only handles Bearer tokens.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::TokenStore</name>
    <message>
        <source>Chairside was not allowed to use the system keychain. Unlock your keyring or log in to the desktop session, allow Chairside access, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available to keep sign-ins safe. Log in to a desktop session with a keyring (such as GNOME Keyring or KWallet) and unlock it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain cannot be used right now (%1). Unlock your keyring or log in to the desktop session, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved sign-in was found for this account. Connect the account again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved sign-in for this account is damaged. Connect the account again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved sign-in needs an account and a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::storedetail</name>
    <message>
        <source>The %1 has no id, so it cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 %2 belongs to no salon, so it cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A text of the %1 %2 is longer than %3 characters; shorten it and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 %2 names no staff member, so it cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service of the appointment %1 has no times, so it cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A part of the appointment %1 is at a time no calendar shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A part of the appointment %1 ends before it starts or takes no time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two steps of a service of the appointment %1 overlap each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appointment %1 has no service, so it cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chairside::storedetail::Rules</name>
    <message>
        <source>The %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
