/** Check-ins between two devices: Ana shares, Ben is gently prompted, replies offline, and both converge. */
import { describe, expect, it } from "vitest";
import type { Device } from "@porch/testing/browser";
import { checkInBy, postCheckIn, replyToCheckIn, groupOfDevices } from "@porch/testing/life-page";
import { waitForSync } from "@porch/testing/porch-page";

let ana: Device;
let ben: Device;

groupOfDevices(
  "Tuesday Circle",
  ["Ana", "Ben"],
  "checkins",
  (devices) => void ([ana, ben] = devices as [Device, Device]),
);

describe("accountability check-ins", () => {
  it("Ana picks a rhythm and shares; Ben sees it and a gentle prompt of his own", async () => {
    await ben.page.getByTestId("checkins-empty").waitFor();
    await ana.page.getByTestId("checkin-rhythm").selectOption("biweekly");
    await ben.page.locator('[data-testid="checkin-rhythm"]').evaluate((el, want) => {
      // Waits in the page for the synced rhythm (a <select> value is not text a locator can filter).
      return new Promise<void>((resolve) => {
        const check = () => ((el as HTMLSelectElement).value === want ? resolve() : setTimeout(check, 50));
        check();
      });
    }, "biweekly");
    await ana.page.getByTestId("checkin-prompt").waitFor();
    await postCheckIn(ana.page, {
      wins: "Paid rent on time",
      next: "Call the credit union",
      asks: "Rides to the clinic?",
    });
    await ana.page.getByTestId("checkin-done").waitFor();
    expect(await ana.page.getByTestId("checkin-prompt").count()).toBe(0);

    const post = checkInBy(ben.page, "Ana");
    await post.getByTestId("checkin-wins").filter({ hasText: "Paid rent on time" }).waitFor({ timeout: 20_000 });
    expect(await post.getByTestId("checkin-asks").innerText()).toBe("Rides to the clinic?");
    const prompt = await ben.page.getByTestId("checkin-prompt").innerText();
    expect(prompt).toContain("Whenever you're ready");
    expect(prompt.toLowerCase()).not.toMatch(/late|missed|behind|overdue|haven't/);
  });

  it("Ben replies and checks in while offline; Ana sees both after he reconnects", async () => {
    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    await replyToCheckIn(ben.page, "Ana", "I can drive you Thursday!");
    await checkInBy(ben.page, "Ana")
      .getByTestId("checkin-reply-text")
      .filter({ hasText: "I can drive you Thursday!" })
      .waitFor();
    await postCheckIn(ben.page, { wins: "Finished my first GED module" });
    await checkInBy(ben.page, "Ben").waitFor();
    expect(await checkInBy(ana.page, "Ben").count()).toBe(0);

    await ben.context.setOffline(false);
    await checkInBy(ana.page, "Ana")
      .getByTestId("checkin-reply-text")
      .filter({ hasText: "I can drive you Thursday!" })
      .waitFor({ timeout: 20_000 });
    await checkInBy(ana.page, "Ben")
      .getByTestId("checkin-wins")
      .filter({ hasText: "Finished my first GED module" })
      .waitFor({ timeout: 20_000 });
    expect(await ana.page.getByTestId("checkin-post").count()).toBe(2);
    await waitForSync(ben.page, "synced");
  });

  it("an empty check-in is refused with a kind sentence", async () => {
    await postCheckIn(ana.page, {});
    await ana.page.getByTestId("error").filter({ hasText: "Share at least one thing" }).waitFor();
  });
});
