import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The binary model artifact of one version, kept apart so listing versions never reads bytes. */
@Entity('model_artifacts')
export class ModelArtifact {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'bytea' })
  bytes!: Buffer;
}
