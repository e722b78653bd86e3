import type { TrackerStage, TrackerState } from '#workflows/application/stage-tracker'
import { useT } from '~/hooks/use-i18n'

/** 申报进度: the award's stages in order, each done, current, to come, or where the application stopped. */
export function StageTracker({ stages }: { stages: ReadonlyArray<{ stage: TrackerStage; state: TrackerState }> }) {
  const t = useT()
  return (
    <nav aria-label={t('tracker.heading')}>
      <ol className="tracker" data-testid="stage-tracker">
        {stages.map(({ stage, state }) => (
          <li key={stage} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="tracker-name">{t(`tracker.stage.${stage}`)}</span>
            <span className="tracker-state">{t(`tracker.${state}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  )
}
