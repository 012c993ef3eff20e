/**
 * The scenario editor of the Scenarios page: any number of named scenarios, each a set of lever
 * inputs (`LEVERS` of src/scenarios/levers.ts) plus customers to remove. A form element whose `value`
 * is the list of scenarios `[{name, levers}]`; it dispatches "input" whenever a valid change is made,
 * so `view(scenarioEditor(...))` gives a reactive value. Levers a dataset cannot move are disabled
 * with the reason. Text from the user is set through `value`/`textContent`, never as HTML.
 */
import {html} from "npm:htl";
import {LEVERS, NO_CHANGE, checkLevers} from "../lib/scenarios/levers.js";

const UNIT_TEXT = {"%": "% change", pt: "points", customers: "customers"};

/**
 * @param {Array<{name: string, levers: object}>} initial scenarios to start with
 * @param {{unavailable: Record<string, string>, presets: Array<{name: string, levers: object}>}} options
 *   unavailable: lever key → reason it is disabled; presets: quick-add buttons
 */
export function scenarioEditor(initial, {unavailable = {}, presets = []} = {}) {
  let scenarios = initial.map((s) => ({name: s.name, levers: {...NO_CHANGE, ...s.levers, removeIds: [...(s.levers.removeIds ?? [])]}}));
  const list = html`<div class="cvw-scenario-list"></div>`;
  const form = html`<form class="cvw-scenario-editor" data-testid="scenario-editor" onsubmit=${(e) => e.preventDefault()}>${list}</form>`;
  const addButton = html`<button type="button" data-testid="add-scenario">Add a scenario</button>`;
  addButton.onclick = () => {
    scenarios = [...scenarios, {name: `Scenario ${scenarios.length + 1}`, levers: {...NO_CHANGE, removeIds: []}}];
    render();
    emit();
  };
  const presetButtons = presets.map((p) => {
    const b = html`<button type="button">${p.name}</button>`;
    b.onclick = () => {
      scenarios = [...scenarios, {name: p.name, levers: {...NO_CHANGE, ...p.levers, removeIds: [...(p.levers.removeIds ?? [])]}}];
      render();
      emit();
    };
    return b;
  });
  form.append(html`<p class="cvw-scenario-actions">${addButton} ${presetButtons.length ? html`<span class="muted">Quick add:</span>` : ""} ${presetButtons}</p>`);

  function emit() {
    form.value = scenarios.map((s) => ({name: s.name, levers: {...s.levers, removeIds: [...s.levers.removeIds]}}));
    form.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function leverInput(scenario, info, k) {
    const id = `scenario-${k}-${info.key}`;
    const reason = unavailable[info.key];
    const input = html`<input type="number" id=${id} step="any" min=${info.min} max=${info.max} data-lever=${info.key} aria-describedby=${`${id}-unit`}>`;
    input.value = String(scenario.levers[info.key]);
    if (reason) {
      input.disabled = true;
      input.title = reason;
    }
    input.oninput = () => {
      const v = input.value.trim() === "" ? 0 : Number(input.value);
      const next = {...scenario.levers, [info.key]: v};
      try {
        checkLevers(next);
      } catch {
        input.setAttribute("aria-invalid", "true");
        return;
      }
      input.removeAttribute("aria-invalid");
      scenario.levers = next;
      emit();
    };
    return html`<div class="cvw-lever${reason ? " cvw-absent" : ""}">
      <label for=${id}>${info.label}</label>${input}<span id=${`${id}-unit`} class="cvw-lever-unit">${reason ? `unavailable: ${reason}` : UNIT_TEXT[info.unit]}</span>
    </div>`;
  }

  function render() {
    list.replaceChildren(
      ...scenarios.map((scenario, k) => {
        const nameId = `scenario-${k}-name`;
        const name = html`<input type="text" id=${nameId} data-testid="scenario-name" maxlength="60">`;
        name.value = scenario.name;
        name.oninput = () => {
          scenario.name = name.value.trim() || `Scenario ${k + 1}`;
          emit();
        };
        const idsId = `scenario-${k}-ids`;
        const ids = html`<input type="text" id=${idsId} data-lever="removeIds" placeholder="e.g. C01408, C00042" size="24">`;
        ids.value = scenario.levers.removeIds.join(", ");
        ids.onchange = () => {
          scenario.levers = {...scenario.levers, removeIds: ids.value.split(/[,;\s]+/).filter((s) => s !== "")};
          emit();
        };
        const remove = html`<button type="button" aria-label=${`Remove scenario ${scenario.name}`}>Remove scenario</button>`;
        remove.onclick = () => {
          scenarios = scenarios.filter((s) => s !== scenario);
          render();
          emit();
        };
        return html`<fieldset class="cvw-scenario" data-testid="scenario">
          <legend><label for=${nameId}>Scenario name</label> ${name} ${remove}</legend>
          <div class="cvw-levers">${LEVERS.map((info) => leverInput(scenario, info, k))}
            <div class="cvw-lever"><label for=${idsId}>Lose these clients (ids)</label>${ids}<span class="cvw-lever-unit">comma-separated</span></div>
          </div>
        </fieldset>`;
      })
    );
    if (scenarios.length === 0) list.append(html`<p class="muted">No scenario yet: add one to compare it with the baseline.</p>`);
  }

  render();
  form.value = scenarios.map((s) => ({name: s.name, levers: {...s.levers, removeIds: [...s.levers.removeIds]}}));
  return form;
}
