// An item's light as the list and the drawer show it: a coloured dot with the light's name, and the rule that
// made it beside it (the first reason; every reason in the tooltip). Names and reasons are core's and the server's.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { SUPERVISION_LIGHT_NAMES, SUPERVISION_STATE_NAMES, type LightResult } from '@ding/core';
import { useI18n } from '../../i18n/language.tsx';
import { SUPERVISION_LIGHT_COLORS, SUPERVISION_STATE_COLORS } from '../../lib/supervision-view.ts';

export function LightDot({ light }: { light: LightResult['light'] }) {
  return (
    <span
      className="ding-light-dot"
      style={{ background: SUPERVISION_LIGHT_COLORS[light] }}
      aria-hidden
      data-light={light}
    />
  );
}

export function LightName({ light, testId }: { light: LightResult['light']; testId?: string }) {
  const { lang } = useI18n();
  return (
    <span className="ding-nowrap" data-testid={testId} data-light={light}>
      <LightDot light={light} />
      {SUPERVISION_LIGHT_NAMES[light][lang]}
    </span>
  );
}

/** The light with its deciding rule; `code` names the test ids (sv-light-<code>, sv-rule-<code>). */
export function LightWithRule({ result, code }: { result: LightResult; code: string }) {
  const { t, lang } = useI18n();
  const [first, ...more] = result.reasons;
  return (
    <Tooltip
      title={
        result.reasons.length > 1 ? (
          <ol className="ding-reasons">
            {result.reasons.map((r) => (
              <li key={r.zh}>{r[lang]}</li>
            ))}
          </ol>
        ) : undefined
      }
    >
      <Space size={4} align="start" className="ding-light-rule">
        <LightName light={result.light} testId={`sv-light-${code}`} />
        <Typography.Text type="secondary" data-testid={`sv-rule-${code}`}>
          {first?.[lang]}
          {more.length > 0 && ` ${t('sv.reasons.more', { n: more.length })}`}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

export function StateTag({ state, testId }: { state: LightResult['state']; testId?: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={SUPERVISION_STATE_COLORS[state]} data-testid={testId} data-state={state}>
      {SUPERVISION_STATE_NAMES[state][lang]}
    </Tag>
  );
}
