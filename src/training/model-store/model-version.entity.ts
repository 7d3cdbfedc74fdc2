import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StoredMetrics } from './stored-metrics';

/** bigint columns whose values stay far below 2^53 (bytes, a counter) read as numbers. */
const BIGINT_AS_NUMBER = {
  to: (value: number | null): number | null => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/**
 * - `training`: started, no artifact yet;
 * - `ready`: trained, stored and eligible to serve (the one with the highest `promotion` serves);
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

  /** Size of the artifact; kept after retention deleted the bytes. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  artifactBytes!: number | null;

  /** SHA-256 of the whole artifact (each chunk carries its own). */
  @Column({ type: 'bytea', nullable: true })
  artifactSha256!: Buffer | null;

  /** When the retention job deleted the bytes; null while they are kept. */
  @Column({ type: 'timestamptz', nullable: true })
  artifactDeletedAt!: Date | null;

  /**
   * The order in which versions were made the serving one (by a training passing the gate or
   * by a rollback); the ready version with the highest number serves. Null: never promoted.
   */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  promotion!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Trained on the bundled demo catalog rather than real users' data. */
  @Column({ type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
