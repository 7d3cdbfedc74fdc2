import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StoredMetrics } from './stored-metrics';

/**
 * - `training`: started, no artifact yet;
 * - `ready`: trained, stored and eligible to serve (the newest ready one serves);
 * - `rejected`: trained and stored, but held back by the quality gate;
 * - `failed`: training failed, `error` says why.
 */
export type ModelVersionStatus = 'training' | 'ready' | 'rejected' | 'failed';

@Entity('model_versions')
export class ModelVersion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  status!: ModelVersionStatus;

  @Column({ type: 'text', nullable: true })
  algorithm!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  trainedAt!: Date | null;

  @Column({ type: 'jsonb', default: {} })
  params!: Record<string, unknown>;

  /** Empty until the training completes (see StoredMetrics). */
  @Column({ type: 'jsonb', default: {} })
  metrics!: Partial<StoredMetrics>;

  @Column({ type: 'jsonb', default: {} })
  counts!: Record<string, number>;

  @Column({ type: 'jsonb', default: {} })
  timings!: Record<string, number>;

  /** CRC32 (hex) of the artifact bytes, checked again at load. */
  @Column({ type: 'text', nullable: true })
  checksum!: string | null;

  @Column({ type: 'integer', nullable: true })
  artifactBytes!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Trained on the bundled demo catalog rather than real users' data. */
  @Column({ type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
