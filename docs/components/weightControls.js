/**
 * The weights form of the Value & opportunity page: one profile picker (balanced / sales / finance /
 * service / custom) and a slider per component of the value index (CVI) and of the opportunity
 * index (OI), with the sum of the weights and each weight's normalised share shown. A component the
 * data lacks is shown as absent (slider disabled, with the reason) and its share is redistributed.
 * Moving a slider makes the profile "custom"; choosing a profile sets the sliders.
 *
 * Value: `{profile, cvi: {component: weight}, oi: {component: weight}}`; an "input" event fires on
 * every change (use with Framework's `view()`).
 */
import {html} from "npm:htl";

const PROFILE_NAMES = ["balanced", "sales", "finance", "service"];

/** Round a weight for display and the URL (3 decimals). */
const round3 = (x) => Math.round(x * 1000) / 1000;

/** "revenue:0.35,margin:0.1" for the URL. */
export function formatWeights(weights, keys) {
  return keys.map((k) => `${k}:${round3(weights[k] ?? 0)}`).join(",");
}

/** Parse {@link formatWeights} text; undefined when malformed (unknown key, negative, not a number). */
export function parseWeights(text, keys) {
  if (typeof text !== "string" || text === "") return undefined;
  const out = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const part of text.split(",")) {
    const [key, value] = part.split(":");
    const x = Number(value);
    if (!keys.includes(key) || !(x >= 0) || !Number.isFinite(x)) return undefined;
    out[key] = x;
  }
  return out;
}

/** The profile whose weights equal `cvi` and `oi` (to 3 decimals), else "custom". */
export function matchingProfile(cvi, oi, cviProfiles, oiProfiles) {
  const same = (a, b) => Object.keys(b).every((k) => round3(a[k] ?? 0) === round3(b[k]));
  return PROFILE_NAMES.find((p) => same(cvi, cviProfiles[p]) && same(oi, oiProfiles[p])) ?? "custom";
}

function sliderGroup(title, components, weights, onChange) {
  const rows = components.map((c) => {
    const id = `w-${c.key}`;
    const input = html`<input type="range" id=${id} name=${c.key} min="0" max="1" step="0.005" value=${weights[c.key] ?? 0} disabled=${c.status === "absent"} aria-describedby=${`${id}-share`}>`;
    const number = html`<output class="cvw-weight-raw" for=${id}></output>`;
    const share = html`<span class="cvw-weight-share" id=${`${id}-share`} title=${c.status === "absent" ? c.absentReason : null}></span>`;
    input.oninput = () => onChange(c.key, Number(input.value));
    const row = html`<div class="cvw-weight-row${c.status === "absent" ? " cvw-absent" : ""}" data-component=${c.key}>
      <label for=${id}>${c.label}</label>${input}${number}${share}
    </div>`;
    return {key: c.key, status: c.status, reason: c.absentReason, input, number, share, row};
  });
  const sum = html`<p class="cvw-weight-sum" aria-live="polite"></p>`;
  const element = html`<fieldset class="cvw-weights"><legend>${title}</legend>${rows.map((r) => r.row)}${sum}</fieldset>`;
  function update(values) {
    const present = rows.filter((r) => r.status === "present");
    const total = present.reduce((s, r) => s + (values[r.key] ?? 0), 0);
    const all = rows.reduce((s, r) => s + (values[r.key] ?? 0), 0);
    for (const r of rows) {
      const w = values[r.key] ?? 0;
      r.input.value = String(w);
      r.number.value = w.toFixed(3);
      r.share.textContent = r.status === "absent" ? "absent" : total > 0 ? `${((100 * w) / total).toFixed(1)} %` : "–";
    }
    const absent = rows.filter((r) => r.status === "absent").map((r) => components.find((c) => c.key === r.key).label);
    sum.textContent = total > 0
      ? `Sum of weights ${all.toFixed(3)}; normalised to 100 % over the ${present.length} available component${present.length === 1 ? "" : "s"}${absent.length ? ` (the weight of ${absent.join(", ")} is redistributed)` : ""}.`
      : present.length === 0 ? "No component is available in this dataset: the index is empty." : "Every available weight is 0: raise one to score.";
    sum.classList.toggle("cvw-warning", !(total > 0));
  }
  return {element, update};
}

/**
 * The weights form.
 * @param {{cviComponents, oiComponents, cviProfiles, oiProfiles, value: {profile, cvi, oi}}} options
 *   components as prepared by the library ({key, label, status, absentReason})
 */
export function weightsForm({cviComponents, oiComponents, cviProfiles, oiProfiles, value}) {
  let state = {profile: value.profile, cvi: {...value.cvi}, oi: {...value.oi}};
  const select = html`<select id="cvw-profile" name="profile">${[...PROFILE_NAMES, "custom"].map((p) => html`<option value=${p}>${p}</option>`)}</select>`;
  const form = html`<form class="cvw-weights-form" onsubmit=${(e) => e.preventDefault()}></form>`;
  const emit = () => {
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const cvi = sliderGroup("Customer value index (CVI) weights", cviComponents, state.cvi, (key, w) => {
    state = {...state, cvi: {...state.cvi, [key]: w}};
    state.profile = matchingProfile(state.cvi, state.oi, cviProfiles, oiProfiles);
    render();
    emit();
  });
  const oi = sliderGroup("Opportunity index (OI) weights", oiComponents, state.oi, (key, w) => {
    state = {...state, oi: {...state.oi, [key]: w}};
    state.profile = matchingProfile(state.cvi, state.oi, cviProfiles, oiProfiles);
    render();
    emit();
  });
  select.onchange = () => {
    const p = select.value;
    if (p === "custom") return;
    state = {profile: p, cvi: {...cviProfiles[p]}, oi: {...oiProfiles[p]}};
    render();
    emit();
  };
  function render() {
    select.value = state.profile;
    cvi.update(state.cvi);
    oi.update(state.oi);
  }
  form.append(html`<div class="cvw-profile"><label for="cvw-profile">Weight profile</label> ${select}
    <span class="muted">Each department judges value differently: sales looks at revenue and breadth, finance at margin and predicted value, service at loyalty, referrals and complaints.</span></div>`,
    html`<div class="grid grid-cols-2">${cvi.element}${oi.element}</div>`);
  render();
  Object.defineProperty(form, "value", {get: () => ({profile: state.profile, cvi: {...state.cvi}, oi: {...state.oi}}), set() {}});
  return form;
}
