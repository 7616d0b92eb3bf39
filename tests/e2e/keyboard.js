// Keyboard-only helpers: reach an element with Tab (proving it is in the tab
// order), then act on it with keys, never with the mouse.
import { expect } from '@playwright/test';

/// Presses Tab until `locator` has focus; fails if it never does.
export async function tabTo(page, locator, max = 80) {
  const target = await locator.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((el) => document.activeElement === el, target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${locator} with the Tab key`);
}

/// Tabs to a field and types into it (replacing what is there).
export async function typeInto(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/// Tabs to a button and presses Enter.
export async function pressButton(page, locator) {
  await tabTo(page, locator);
  await page.keyboard.press('Enter');
}

/// Tabs to a radio button or checkbox and presses Space.
export async function check(page, locator) {
  await tabTo(page, locator);
  if (!(await locator.isChecked())) await page.keyboard.press('Space');
  await expect(locator).toBeChecked();
}

/// Chooses a radio button the keyboard way: Tab into its group (which lands
/// on the checked one, or the first), then arrow keys until it is checked.
export async function chooseRadio(page, locator) {
  const name = await locator.getAttribute('name');
  const target = await locator.elementHandle();
  for (let i = 0; i < 80; i++) {
    const inGroup = await page.evaluate((n) => document.activeElement?.getAttribute('name') === n, name);
    if (inGroup) break;
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < 10; i++) {
    if (await page.evaluate((el) => el.checked, target)) return;
    await page.keyboard.press('ArrowDown');
  }
  await expect(locator).toBeChecked();
}
