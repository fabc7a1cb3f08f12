/** This member's devices: add another one with a 10-minute link. */
import { createSignal, type JSX } from "solid-js";
import { DeviceLinkPanel } from "../components/device-link-panel.tsx";
import { createAction } from "../primitives/create-action.ts";
import { hrefFor } from "../primitives/create-hash-route.ts";
import { useI18n } from "../primitives/i18n-context.tsx";
import { usePorch } from "../primitives/porch-context.tsx";
import type { DeviceLinkOffer } from "../core/api/membership-api.ts";

export function Devices(): JSX.Element {
  const { api } = usePorch();
  const { t, errorText } = useI18n();
  const [offer, setOffer] = createSignal<DeviceLinkOffer | null>(null);
  const open = createAction(() => api.membership.openDeviceLink());
  const create = async () => {
    const result = await open.run();
    if (result?.ok) setOffer(result.value);
  };
  return (
    <div class="stack">
      <a class="back" href={hrefFor({ name: "home" })}>
        ← {t("backToGroups")}
      </a>
      <h1 tabindex="-1">{t("membership.devicesTitle")}</h1>
      <DeviceLinkPanel
        offer={offer()}
        pending={open.pending()}
        error={open.error() ? errorText(open.error()!) : null}
        onCreate={() => void create()}
      />
    </div>
  );
}
