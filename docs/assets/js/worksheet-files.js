/* The Human Network: the files a worksheet makes when the learner asks (HN.worksheetFiles).

   worksheet.js fetches this file the first time a learner presses "Add to calendar" or
   "Download as Markdown", so a lesson does not download it up front. Both files are made in
   the page; nothing is sent. It uses worksheet.js's helpers (HN.worksheetParts). Learner text
   goes into the Markdown escaped, so it holds no HTML or links.

   - calendar(events, now): a plan's dated rows as an iCalendar file (RFC 5545);
   - markdown(root, values): the worksheet and the learner's entries. */
(function () {
  "use strict";
  var W = window.HN.worksheetParts;

  /* TEXT as RFC 5545 writes it (3.3.11): backslash, semicolon, comma and line breaks escaped. */
  function icsText(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  /* Fold a content line at 75 octets of UTF-8 (3.1): a CRLF and a space, never inside a character. */
  function icsFold(line) {
    var out = [], part = "", size = 0, limit = 75;
    Array.from(line).forEach(function (char) {
      var bytes = new TextEncoder().encode(char).length;
      if (size + bytes > limit) {
        out.push(part);
        part = " ";
        size = 1;
      }
      part += char;
      size += bytes;
    });
    out.push(part);
    return out.join("\r\n");
  }

  function icsDate(day) { return day.replace(/-/g, ""); }
  function nextDay(day) {
    var d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  /* The calendar for `events` ([{uid, day, time, summary, description}]): all-day events, or
     30-minute events at the learner's local time when `time` is set, each with a reminder
     (the day before at 09:00 for an all-day event, an hour before a timed one). */
  function calendar(events, now) {
    var stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//The Human Network//Course worksheet//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    events.forEach(function (e) {
      lines.push("BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + stamp);
      if (e.time) {
        lines.push("DTSTART:" + icsDate(e.day) + "T" + e.time.replace(":", "") + "00", "DURATION:PT30M");
      } else {
        lines.push("DTSTART;VALUE=DATE:" + icsDate(e.day), "DTEND;VALUE=DATE:" + icsDate(nextDay(e.day)));
      }
      lines.push("SUMMARY:" + icsText(e.summary), "DESCRIPTION:" + icsText(e.description),
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + icsText(e.summary),
        "TRIGGER:" + (e.time ? "-PT1H" : "-PT15H"), "END:VALARM", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  /* The worksheet and its entries as Markdown, for the learner to keep. */
  function markdown(root, values) {
    var cell = function (value) { return value ? W.plain(value).replace(/\s*\n\s*/g, " ") : " "; };
    var lines = ["# " + W.text(root.querySelector(".hn-worksheet__title")), "",
      "From \u201c" + document.title + "\u201d, " + location.href.split("#")[0] + ". Saved on " +
      new Date().toISOString().slice(0, 10) + ".", ""];
    W.all(root, "[data-hn-section]").forEach(function (section) {
      var id = section.dataset.hnSection;
      lines.push("## " + W.text(section.querySelector("legend")), "");
      var type = section.dataset.hnType;
      if (type === "rating") {
        var score = W.scoreRating(section);
        score.statements.forEach(function (s) {
          var line = "- " + s.text + (s.reverse ? " (reversed: counts as 6 minus the rating)" : "") + ": ";
          line += s.rating === null ? "not rated" : s.rating + " (" + s.label + ")" + (s.reverse ? ", counts as " + s.score : "");
          lines.push(line);
        });
        lines.push("");
        lines.push(score.complete
          ? "**Total: " + score.total + "** (from " + score.low + " to " + score.high + "). **" + score.band.label + ".** " + score.band.interpretation
          : "Total: not complete (" + score.rated + " of " + score.statements.length + " statements rated).");
      } else if (type === "reflection") {
        W.all(section, "textarea").forEach(function (area) {
          lines.push("### " + W.text(section.querySelector('label[for="' + area.id + '"]')), "",
            values[W.fieldKey(area)] ? W.plain(values[W.fieldKey(area)]) : "_(no answer yet)_", "");
        });
        lines.pop();
      } else if (type === "draft") {
        var area = section.querySelector("textarea");
        var value = values[W.fieldKey(area)] || "";
        lines.push(value ? W.plain(value) : "_(no draft yet)_", "");
        W.checkDraft(section).forEach(function (c) {
          lines.push("- [" + (value.trim() && c.met ? "x" : " ") + "] " + W.plain(c.text) + (value.trim() && c.note ? " " + W.plain(c.note) : ""));
        });
      } else if (type === "checklist") {
        W.all(section, "input[type=checkbox]").forEach(function (box) {
          lines.push("- [" + (values[W.fieldKey(box)] ? "x" : " ") + "] " + W.text(box.parentNode.querySelector("label")));
        });
      } else if (type === "plan") {
        lines.push("| Goal | First step | By when |", "| --- | --- | --- |");
        W.all(section, "[data-hn-row]").forEach(function (row) {
          var n = row.dataset.hnRow;
          lines.push("| " + ["goal", "step", "date"].map(function (f) { return cell(values[id + "/" + f + "-" + n]); }).join(" | ") + " |");
        });
      }
      lines.push("");
    });
    return lines.join("\n");
  }

  window.HN.worksheetFiles = { calendar: calendar, markdown: markdown };
})();
