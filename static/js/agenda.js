/* Agenda pages, progressive enhancement: the server-rendered page is complete without this file.
 *
 * 1. Local times: before each venue time range (.slot-time with <time datetime>) inside an
 *    element with data-tz (the venue's IANA zone), write a copy in the visitor's own time zone
 *    with Intl.DateTimeFormat, where it differs from the venue's, named by its city ("Tokyo");
 *    the venue's range then reads smaller (.venue-time). On the now page, "starts in 2 h
 *    10 min" under the next slot is recomputed at every poll.
 * 2. The now page (#now-live[data-src]): every data-poll-seconds seconds (the AGENDA_POLL_SECONDS
 *    setting, 15 by default) fetch now.json and redraw "on now" and "next" without reloading,
 *    from the <template id="live-slot-template"> rendered by the server (so every label stays
 *    translated), and say when it last checked. While the tab is hidden it does not poll; shown
 *    again, it polls at once and then at the usual interval. When a poll fails it says so and
 *    waits twice as long before the next, up to 2 minutes; one that works restores the interval.
 * 3. The agenda (#agenda-now[data-src]): the same poll moves the "on now" mark (li.on-now,
 *    aria-current="time", a badge from <template id="on-now-badge-template">) to the slot on now
 *    and rewrites the line at the top that links to it.
 * No inline scripts anywhere (CSP); strings come from data-* attributes and templates.
 */
(function () {
  "use strict";

  var DEFAULT_POLL_SECONDS = 15;
  // After failed polls the interval doubles, up to this.
  var MAX_BACKOFF_MS = 2 * 60 * 1000;
  // Dates and times in the page's language (the language switcher's), not the browser's, with
  // Latin digits like the times the server writes beside them.
  var LANG = (document.documentElement.lang || "en") + "-u-nu-latn";

  function formatter(zone, withDay) {
    var options = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (withDay) options.weekday = "short";
    return new Intl.DateTimeFormat(LANG, options);
  }

  function dayOf(zone, date) {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(date);
  }

  // "Asia/Tokyo" -> "Tokyo", "America/Argentina/Buenos_Aires" -> "Buenos Aires".
  function cityOf(zone) {
    return zone.split("/").pop().replace(/_/g, " ");
  }

  function localCopies(box) {
    var venue = box.dataset.tz;
    var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!venue || !mine) return;
    var venueFormat = formatter(venue, false);
    var added = false;
    box.querySelectorAll(".slot-time").forEach(function (range) {
      var old = range.previousElementSibling;
      if (old && old.classList.contains("local-time")) old.remove();
      var texts = [];
      var differs = false;
      range.querySelectorAll("time[datetime]").forEach(function (el) {
        var date = new Date(el.getAttribute("datetime"));
        if (isNaN(date)) return;
        var otherDay = dayOf(venue, date) !== dayOf(mine, date);
        var local = formatter(mine, otherDay).format(date);
        if (otherDay || local !== venueFormat.format(date)) differs = true;
        texts.push(local);
      });
      range.classList.toggle("venue-time", differs && texts.length > 0);
      if (!differs || !texts.length) return;
      // The visitor's own time first (and larger, see site.css), then the venue's.
      var copy = document.createElement("span");
      copy.className = "local-time";
      copy.textContent = box.dataset.localPattern
        .replace("{times}", texts.join("–")).replace("{city}", cityOf(mine)) + " ";
      range.before(copy);
      added = true;
    });
    var note = box.querySelector("#local-tz-note") || document.getElementById("local-tz-note");
    if (note && added) {
      note.querySelector("[data-zone]").textContent = cityOf(mine);
      note.hidden = false;
    }
  }

  // "starts in 2 h 10 min" from the page's translated patterns (data-in-* on #now-live).
  function startsIn(live, iso) {
    var minutes = Math.floor((new Date(iso) - Date.now()) / 60000);
    if (isNaN(minutes) || minutes < 0 || !live.dataset.inMinutes) return "";
    if (minutes < 1) return live.dataset.inLess;
    var hours = Math.floor(minutes / 60);
    if (!hours) return live.dataset.inMinutes.replace("{minutes}", minutes);
    return live.dataset.inHours.replace("{hours}", hours).replace("{minutes}", minutes % 60);
  }

  function drawStartsIn(live) {
    var next = document.querySelector("#next-slot [data-f=starts]");
    var row = document.querySelector("#next-slot [data-row=starts-in]");
    if (!next || !row) return;
    var text = startsIn(live, next.getAttribute("datetime"));
    row.querySelector("[data-f=starts-in]").textContent = text;
    row.hidden = !text;
  }

  function venueTime(zone, iso) {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).format(new Date(iso));
  }

  // Text people wrote (a slot's title, a coalition's name, an output's title) keeps its own
  // direction inside a page in any language: dir="auto", and lang where now.json gives one.
  function writtenText(el, text, lang) {
    el.textContent = text || "";
    el.setAttribute("dir", "auto");
    if (lang) el.setAttribute("lang", lang); else el.removeAttribute("lang");
  }

  function setLink(el, url, text, lang) {
    writtenText(el, text, lang);
    if (url) el.setAttribute("href", url); else el.removeAttribute("href");
  }

  function drawSlot(container, slot, ended, zone) {
    container.textContent = "";
    if (!slot) {
      var p = document.createElement("p");
      p.textContent = ended ? container.dataset.ended : container.dataset.empty;
      container.appendChild(p);
      return;
    }
    var node = document.getElementById("live-slot-template").content.cloneNode(true);
    var field = function (name) { return node.querySelector('[data-f="' + name + '"]'); };
    var row = function (name, shown) {
      var el = node.querySelector('[data-row="' + name + '"]');
      if (el) el.hidden = !shown;
    };
    writtenText(field("title"), slot.title);
    [["starts", slot.starts], ["ends", slot.ends]].forEach(function (pair) {
      field(pair[0]).setAttribute("datetime", pair[1]);
      field(pair[0]).textContent = venueTime(zone, pair[1]);
    });
    field("kind").textContent = slot.kind_label;
    writtenText(field("speakers"), slot.speakers);
    row("speakers", !!slot.speakers);
    setLink(field("coalition"), slot.coalition && slot.coalition.url, slot.coalition && slot.coalition.name);
    row("coalition", !!slot.coalition);
    setLink(field("output"), slot.output && slot.output.url, slot.output && slot.output.title,
      slot.output && slot.output.language);
    row("output", !!slot.output);
    var sheet = field("sheet");
    if (slot.sheet_url) sheet.setAttribute("href", slot.sheet_url); else sheet.removeAttribute("href");
    row("sheet", !!slot.sheet_url);
    container.appendChild(node);
  }

  function pollMs(live) {
    var seconds = parseInt(live.dataset.pollSeconds, 10);
    return (seconds >= 1 ? seconds : DEFAULT_POLL_SECONDS) * 1000;
  }

  // Fetch now.json every `interval` ms while the tab is shown and call onText(text) with the
  // answer, onError(retryMs) when it fails. A hidden tab costs the server nothing, and a tab
  // shown again asks at once instead of showing a stale state until the next interval. After a
  // failure the wait doubles, up to MAX_BACKOFF_MS (a server in trouble is not hammered by every
  // open page); the first answer that works brings it back to `interval`.
  function watch(src, interval, onText, onError) {
    var timer = null;
    var asking = false;
    var wait = interval;
    var longest = Math.max(MAX_BACKOFF_MS, interval);

    function hidden() {
      return document.visibilityState === "hidden";
    }
    function later() {
      clearTimeout(timer);
      timer = hidden() ? null : setTimeout(ask, wait);
    }
    function ask() {
      timer = null;
      asking = true;
      fetch(src, { headers: { Accept: "application/json" }, cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (text) {
          onText(text);
          wait = interval;
        })
        .catch(function () {
          wait = Math.min(wait * 2, longest);
          onError(wait);
        })
        .then(function () {
          asking = false;
          later();
        });
    }
    document.addEventListener("visibilitychange", function () {
      if (hidden()) {
        clearTimeout(timer);
        timer = null;
      } else if (!asking && timer === null) {
        ask();
      }
    });
    if (!hidden()) ask();
  }

  function poll(live) {
    var zone = live.dataset.tz;
    var last = null;
    var updated = document.getElementById("now-updated");
    var checked = document.getElementById("now-checked");
    var error = document.getElementById("now-error");
    var clock = new Intl.DateTimeFormat(LANG, {
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"
    });

    watch(live.dataset.src, pollMs(live), function (text) {
      if (text !== last) {
        var data = JSON.parse(text);
        var ended = data.mode === "ended";
        drawSlot(document.getElementById("now-slot"), data.now, ended, zone);
        drawSlot(document.getElementById("next-slot"), data.next, ended, zone);
        // The debate's item is drawn by the server (with its questions and the form): say
        // when it is no longer the one on the page.
        var debate = document.getElementById("debate-changed");
        if (debate && "debate_item" in data) {
          var url = data.debate_item ? data.debate_item.url : "";
          debate.hidden = url === (live.dataset.debateUrl || "");
        }
        if (data.updated) {
          updated.setAttribute("datetime", data.updated);
          updated.textContent = new Intl.DateTimeFormat(LANG, {
            timeZone: zone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
            hourCycle: "h23"
          }).format(new Date(data.updated));
        }
        localCopies(live);
        last = text;
      }
      drawStartsIn(live);
      document.getElementById("now-checked-at").textContent = clock.format(new Date());
      checked.hidden = false;
      error.hidden = true;
    }, function (retryMs) {
      if (error.dataset.retry) {
        error.textContent = error.dataset.retry.replace("{seconds}", Math.round(retryMs / 1000));
      }
      error.hidden = false;
    });
  }

  // The agenda (#agenda-now[data-src]): the same poll of now.json moves the "on now" mark to
  // the slot on now and rewrites the line at the top that links to it.
  function pollAgenda(line) {
    var last = null;
    var badge = document.getElementById("on-now-badge-template");
    var lineTemplate = document.getElementById("agenda-now-template");

    watch(line.dataset.src, pollMs(line), function (text) {
      if (text === last) return;
      last = text;
      var data = JSON.parse(text);
      document.querySelectorAll(".slots li.on-now").forEach(function (item) {
        item.classList.remove("on-now");
        item.removeAttribute("aria-current");
        var old = item.querySelector(".on-now-badge");
        if (old) old.remove();
      });
      var item = data.now ? document.getElementById("slot-" + data.now.id) : null;
      line.textContent = "";
      if (item) {
        item.classList.add("on-now");
        item.setAttribute("aria-current", "time");
        item.querySelector(".kind").after(badge.content.cloneNode(true));
        var node = lineTemplate.content.cloneNode(true);
        var link = node.querySelector("a");
        link.setAttribute("href", "#slot-" + data.now.id);
        writtenText(link, data.now.title);
        line.appendChild(node);
      } else {
        line.textContent = data.mode === "ended" ? line.dataset.ended : line.dataset.empty;
      }
    }, function () {});
  }

  // "Reload": a reload asks the server again (a plain link could be answered from the cache).
  var reload = document.querySelector("#debate-changed a");
  if (reload) {
    reload.addEventListener("click", function (event) {
      event.preventDefault();
      window.location.reload();
    });
  }

  document.querySelectorAll("[data-tz]").forEach(localCopies);
  var live = document.getElementById("now-live");
  var canPoll = window.fetch && "content" in document.createElement("template");
  if (live && canPoll) poll(live);
  var agendaNow = document.getElementById("agenda-now");
  if (agendaNow && agendaNow.dataset.src && canPoll) pollAgenda(agendaNow);
})();
